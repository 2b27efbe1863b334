import type { FastifyInstance } from 'fastify';
import {
  CONSENT_CHANNELS,
  currentConsents,
  recordConsent,
  type ConsentChannel,
  type ConsentChoice,
} from '../../../../db/consent.js';
import { CONSENT_STATUSES } from '../../../../db/entities/consent.js';
import { AuditEvent } from '../../../../db/entities/index.js';
import { errorResponses } from '../../../schemas/shared.js';
import { loadContact } from '../../../services/contact-lifecycle.js';

const tags = ['consents'];
const nullableString = { type: ['string', 'null'] } as const;

const consentState = {
  type: ['object', 'null'],
  properties: {
    channel: { type: 'string' },
    status: { type: 'string', enum: [...CONSENT_STATUSES] },
    source: { type: 'string' },
    proof: nullableString,
    comment: nullableString,
    decidedAt: { type: 'string', format: 'date-time' },
    decidedBy: { ...nullableString, description: 'User id; null when recorded by the system (inbound STOP)' },
    decidedByName: nullableString,
  },
} as const;

const channelParams = {
  type: 'object',
  required: ['id', 'channel'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    channel: { type: 'string', enum: [...CONSENT_CHANNELS] },
  },
} as const;

/** Consent per contact and channel (F-6.1); its history is the audit trail of ContactConsent. */
export default async function consentRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>(
    '/contacts/:id/consents',
    {
      config: { permission: 'CRM_CONTACTS_VIEW' },
      schema: {
        tags,
        summary: 'Current consent per channel (null = never asked), with date and author of the last choice',
        params: { $ref: 'IdParams#' },
        response: {
          200: {
            type: 'object',
            properties: Object.fromEntries(CONSENT_CHANNELS.map((c) => [c, consentState])),
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => currentConsents(em, (await loadContact(em, request.params.id)).id)),
  );

  app.put<{ Params: { id: string; channel: ConsentChannel }; Body: ConsentChoice }>(
    '/contacts/:id/consents/:channel',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'Record the contact’s choice for a channel (audited; replaces the current one)',
        params: channelParams,
        body: {
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
        },
        response: { 200: consentState, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const contact = await loadContact(em, request.params.id);
        return recordConsent(em, request.tenant(), contact.id, request.params.channel, request.body);
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/contacts/:id/consents/history',
    {
      config: { permission: 'CRM_CONTACTS_VIEW' },
      schema: {
        tags,
        summary:
          'Every consent change of the contact, newest first, from the audit trail (before/after, who, when)',
        params: { $ref: 'IdParams#' },
        response: {
          200: {
            type: 'object',
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    at: { type: 'string', format: 'date-time' },
                    actorId: nullableString,
                    actorType: { type: 'string' },
                    before: consentState,
                    after: consentState,
                  },
                },
              },
            },
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const contact = await loadContact(em, request.params.id);
        const events = await em.find(
          AuditEvent,
          { entityType: 'ContactConsent', entityId: contact.id },
          { orderBy: { seq: 'desc' } },
        );
        return {
          data: events.map((e) => ({
            at: e.createdAt.toISOString(),
            actorId: e.actorId ?? null,
            actorType: e.actorType,
            before: e.beforeJson ?? null,
            after: e.afterJson ?? null,
          })),
        };
      }),
  );
}
