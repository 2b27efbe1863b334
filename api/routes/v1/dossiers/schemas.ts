import { CONTACT_ROLES } from '../../../../db/entities/contact.js';
import { matchingCriteriaProperties } from '../../../../definitions/matching-criteria.js';
import { closed } from '../../../schemas/shared.js';

const nullableNumber = { type: ['number', 'null'] } as const;
const nullableString = { type: ['string', 'null'] } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;

export const dossierSchema = closed(
  {
    $id: 'Dossier',
    type: 'object',
    properties: {
      id: { type: 'string' },
      reference: { type: 'string' },
      caseType: { type: 'string' },
      statusCode: { type: 'string' },
      statusChangedAt: { type: 'string', format: 'date-time' },
      definitionId: { type: 'string' },
      definitionVersion: { type: 'integer' },
      workflowId: { type: 'string' },
      title: { type: 'string' },
      assignedAgentId: nullableString,
      contactId: nullableString,
      annonceId: nullableString,
      source: nullableString,
      budgetMin: nullableNumber,
      budgetMax: nullableNumber,
      currency: { type: 'string' },
      locationZone: nullableString,
      criteria: { type: 'object', additionalProperties: true },
      amount: nullableNumber,
      probability: { type: ['integer', 'null'] },
      weightedAmount: nullableNumber,
      expectedCloseDate: nullableString,
      score: { type: ['integer', 'null'] },
      closeReasonCode: nullableString,
      closeComment: nullableString,
      closedAt: { type: ['string', 'null'], format: 'date-time' },
      metaJson: { type: 'object', additionalProperties: true },
      version: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
      createdBy: nullableString,
      contactConverted: { type: 'boolean' },
    },
  } as const,
  ['contactConverted'],
);

/** Editable business fields (status changes only through transitions). */
const editable = {
  title: { type: 'string', minLength: 1, maxLength: 300 },
  contactId: nullableUuid,
  assignedAgentId: nullableUuid,
  annonceId: nullableUuid,
  source: { type: ['string', 'null'], maxLength: 64 },
  budgetMin: { type: ['number', 'null'], minimum: 0, maximum: 1e12 },
  budgetMax: { type: ['number', 'null'], minimum: 0, maximum: 1e12 },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  locationZone: { type: ['string', 'null'], maxLength: 200 },
  criteria: {
    type: 'object',
    maxProperties: 50,
    description: 'Search criteria: the matching keys below (validated), plus free keys of the agency',
    properties: matchingCriteriaProperties,
    // Free keys hold scalars or short lists of scalars (bounded, and typed for the document).
    additionalProperties: {
      type: ['string', 'number', 'boolean', 'array', 'null'],
      maxLength: 1000,
      items: { type: ['string', 'number', 'boolean', 'null'], maxLength: 200 },
      maxItems: 100,
    },
  },
  amount: { type: ['number', 'null'], minimum: 0, maximum: 1e12 },
  probability: { type: ['integer', 'null'], minimum: 0, maximum: 100 },
  expectedCloseDate: { type: ['string', 'null'], format: 'date' },
  metaJson: { type: 'object', maxProperties: 100, additionalProperties: true },
} as const;

export const createDossierBody = {
  type: 'object',
  required: ['caseType', 'title'],
  additionalProperties: false,
  properties: { caseType: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,63}$' }, ...editable },
} as const;

export const patchDossierBody = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  minProperties: 2,
  properties: { version: { type: 'integer', minimum: 1 }, ...editable },
} as const;

export const transitionBody = {
  type: 'object',
  required: ['to'],
  additionalProperties: false,
  properties: {
    to: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' },
    reasonCode: { type: 'string', minLength: 1, maxLength: 64 },
    comment: { type: 'string', maxLength: 2000 },
    version: { type: 'integer', minimum: 1, description: 'The dossier version you saw; stale → 409' },
    convertContact: {
      type: 'boolean',
      description:
        'On a WON move: also turn the dossier contact (a lead) into an active client (F-3.4, F-4.4)',
    },
    contactRole: {
      type: 'string',
      enum: [...CONTACT_ROLES],
      description: 'Role given to the converted contact',
    },
  },
} as const;

export const transitionOptionSchema = {
  type: 'object',
  description: '`reason` and `reasonCode` only when the move is blocked',
  required: ['to', 'label', 'allowed', 'reasonType'],
  properties: {
    to: { type: 'string' },
    label: { type: 'string' },
    allowed: { type: 'boolean' },
    reason: { type: 'string' },
    reasonCode: { type: 'string' },
    reasonType: { type: 'string', enum: ['NONE', 'LOSS', 'WON'] },
    offersContactConversion: { type: 'boolean' },
  },
} as const;

export const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 25 },
    sort: { type: 'string', maxLength: 200 },
    q: { type: 'string', minLength: 1, maxLength: 200 },
    caseType: { type: 'string', maxLength: 64 },
    statusCode: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 30 },
    assignedAgentId: { type: 'string', format: 'uuid' },
    contactId: { type: 'string', format: 'uuid', description: "The contact's deals and dossiers" },
    source: { type: 'string', maxLength: 64 },
    budgetFrom: { type: 'number', minimum: 0 },
    budgetTo: { type: 'number', minimum: 0 },
    createdFrom: { type: 'string', format: 'date-time' },
    createdTo: { type: 'string', format: 'date-time' },
    open: { type: 'boolean' },
    scoreMin: { type: 'integer', minimum: 0, maximum: 100, description: 'Lead score at least' },
  },
} as const;

export interface ListQuery {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  caseType?: string;
  statusCode?: string[];
  assignedAgentId?: string;
  contactId?: string;
  source?: string;
  budgetFrom?: number;
  budgetTo?: number;
  createdFrom?: string;
  createdTo?: string;
  open?: boolean;
  scoreMin?: number;
}
