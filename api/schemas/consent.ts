import { CONSENT_CHANNELS, CONSENT_STATUSES } from '../../db/entities/consent.js';

const nullableString = { type: ['string', 'null'] } as const;

/** One recorded choice (general or for one dossier), as contact and dossier consent routes return it. */
export const consentStateSchema = {
  type: ['object', 'null'],
  description: 'Null when nothing was recorded; in histories, the audited snapshot',
  required: ['channel', 'status'],
  properties: {
    channel: { type: 'string' },
    scope: { type: 'string', enum: ['CONTACT', 'DOSSIER'] },
    contactId: { type: 'string' },
    dossierId: nullableString,
    status: { type: 'string', enum: [...CONSENT_STATUSES] },
    source: { type: 'string' },
    proof: nullableString,
    comment: nullableString,
    decidedAt: { type: 'string', format: 'date-time' },
    decidedBy: { ...nullableString, description: 'User id; null when recorded by the system (inbound STOP)' },
    decidedByName: nullableString,
  },
} as const;

export const consentChoiceBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'source'],
  properties: {
    status: { type: 'string', enum: [...CONSENT_STATUSES] },
    source: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'FORM, PHONE_CALL, EMAIL, IN_PERSON…',
    },
    proof: {
      ...nullableString,
      maxLength: 2000,
      description: 'Reference of the evidence (signed form, message id…)',
    },
    comment: { ...nullableString, maxLength: 2000 },
  },
} as const;

export const consentChannelParamsSchema = {
  type: 'object',
  required: ['id', 'channel'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    channel: { type: 'string', enum: [...CONSENT_CHANNELS] },
  },
} as const;

export const consentHistorySchema = {
  type: 'object',
  required: ['data'],
  properties: {
    data: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'actorId', 'actorType', 'before', 'after'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          actorId: nullableString,
          actorType: { type: 'string' },
          before: consentStateSchema,
          after: consentStateSchema,
        },
      },
    },
  },
} as const;
