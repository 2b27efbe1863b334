/** JSON schemas of the Coop Habitat API (F-10); money is integer cents, rates basis points, timings ISO 8601. */
import { CONTRIBUTION_STATUSES } from '../../../../definitions/coop/contribution.js';
import { LEDGER_KINDS } from '../../../../definitions/coop/ledger.js';
import { COOP_MEMBER_STATUSES } from '../../../../db/entities/coop-group.js';
import { closed } from '../../../schemas/shared.js';

export const tags = ['coop'];
export const uuid = { type: 'string', format: 'uuid' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
export const cents = { type: 'integer', description: 'integer cents' } as const;
export const positiveCents = {
  type: 'integer',
  minimum: 1,
  maximum: 9007199254740991,
  description: 'integer cents',
} as const;
export const duration = {
  type: 'string',
  minLength: 2,
  maxLength: 40,
  description: 'ISO 8601 duration (P30D, PT5S)',
} as const;
export const reasonBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } },
} as const;
export const versionProp = {
  type: 'integer',
  minimum: 1,
  description: 'optimistic lock: the version you read',
} as const;

const penaltyRule = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'every', 'maxPeriods'],
  properties: {
    kind: { type: 'string', enum: ['FIXED', 'PERCENT'] },
    amount: { ...positiveCents, description: 'FIXED: cents per late period' },
    rateBp: {
      type: 'integer',
      minimum: 1,
      maximum: 10000,
      description: 'PERCENT: basis points of the line per late period',
    },
    every: duration,
    maxPeriods: { type: 'integer', minimum: 1, maximum: 1000 },
  },
  if: { properties: { kind: { const: 'FIXED' } } },
  then: { required: ['amount'] },
  else: { required: ['rateBp'] },
} as const;

const indexation = {
  type: 'object',
  additionalProperties: false,
  required: ['rateBp', 'every'],
  properties: { rateBp: { type: 'integer', minimum: 0, maximum: 10000 }, every: duration },
} as const;

export const formulaProperties = {
  indexation: nullable(indexation),
  penalty: nullable(penaltyRule),
  grace: duration,
  callAhead: duration,
  reminderBefore: nullable(duration),
} as const;

export const rulesSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Group rules; plan formulas start from them',
  properties: {
    allocation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        order: { type: 'string', enum: ['FIFO'] },
        usePreferences: { type: 'boolean' },
        cutOffDay: { type: ['integer', 'null'], minimum: 1, maximum: 28 },
      },
    },
    ...formulaProperties,
  },
} as const;

export const scheduleSchema = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: ['EXPLICIT', 'MONTHLY', 'INTERVAL'] } },
  oneOf: [
    {
      additionalProperties: false,
      required: ['kind', 'items'],
      properties: {
        kind: { const: 'EXPLICIT' },
        items: {
          type: 'array',
          minItems: 1,
          maxItems: 600,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['dueAt', 'amount'],
            properties: { dueAt: dateTime, amount: positiveCents },
          },
        },
      },
    },
    {
      additionalProperties: false,
      required: ['kind', 'dayOfMonth', 'firstMonth', 'count', 'amount'],
      properties: {
        kind: { const: 'MONTHLY' },
        dayOfMonth: { type: 'integer', minimum: 1, maximum: 28 },
        firstMonth: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
        count: { type: 'integer', minimum: 1, maximum: 600 },
        amount: positiveCents,
      },
    },
    {
      additionalProperties: false,
      required: ['kind', 'start', 'every', 'count', 'amount'],
      properties: {
        kind: { const: 'INTERVAL' },
        start: dateTime,
        every: duration,
        count: { type: 'integer', minimum: 1, maximum: 600 },
        amount: positiveCents,
      },
    },
  ],
} as const;

export const groupSchema = closed({
  $id: 'CoopGroup',
  type: 'object',
  properties: {
    id: str,
    name: str,
    city: str,
    description: nstr,
    statusCode: { type: 'string', description: 'follows the COOP_GROUP workflow definition' },
    definitionVersion: int,
    rules: { type: 'object', additionalProperties: true },
    version: int,
    createdAt: str,
    updatedAt: str,
  },
} as const);

const kycItem = {
  type: 'object',
  required: ['code', 'status'],
  properties: {
    code: str,
    label: str,
    required: { type: 'boolean' },
    documentId: nstr,
    status: { type: 'string', enum: ['MISSING', 'PROVIDED', 'VALIDATED', 'REFUSED'] },
    comment: nstr,
  },
} as const;

export const memberSchema = closed({
  $id: 'CoopMember',
  type: 'object',
  properties: {
    id: str,
    groupId: str,
    displayName: str,
    phone: nstr,
    email: nstr,
    contactId: nstr,
    userId: nstr,
    status: { type: 'string', enum: [...COOP_MEMBER_STATUSES] },
    statusReason: nstr,
    fifoRank: int,
    kyc: { type: 'array', items: kycItem },
    kycComplete: { type: 'boolean' },
    kycValidatedAt: nstr,
    kycValidatedBy: nstr,
    lotPreferences: { type: 'object', additionalProperties: { type: 'array', items: str } },
    version: int,
    createdAt: str,
    updatedAt: str,
  },
} as const);

export const planSchema = closed({
  $id: 'CoopPlan',
  type: 'object',
  properties: {
    id: str,
    groupId: str,
    name: str,
    status: str,
    currentVersion: int,
    versions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          version: int,
          effectiveFrom: str,
          schedule: { type: 'object', additionalProperties: true },
          formula: { type: 'object', additionalProperties: true },
          reason: nstr,
          createdAt: str,
          createdBy: nstr,
        },
      },
    },
    version: int,
    createdAt: str,
  },
} as const);

export const contributionSchema = closed({
  $id: 'CoopContribution',
  type: 'object',
  properties: {
    id: str,
    groupId: str,
    planId: str,
    memberId: str,
    seq: int,
    planVersion: int,
    dueAt: str,
    baseAmount: cents,
    indexationAmount: cents,
    amountDue: cents,
    penaltyTotal: cents,
    penaltiesApplied: int,
    waivedAmount: cents,
    amountPaid: { type: ['integer', 'null'] },
    outstanding: cents,
    status: { type: 'string', enum: [...CONTRIBUTION_STATUSES] },
    calledAt: str,
    lateSince: nstr,
    proofDocumentId: nstr,
    proofSubmittedAt: nstr,
    paidAt: nstr,
    method: nstr,
    decidedBy: nstr,
    decidedAt: nstr,
    rejectionReason: nstr,
    waiverReason: nstr,
    workflowId: { type: 'string', description: 'the member cycle workflow (Temporal UI)' },
    version: int,
  },
} as const);

export const scheduleLineSchema = closed({
  $id: 'CoopScheduleLine',
  type: 'object',
  properties: {
    seq: int,
    dueAt: str,
    amountDue: cents,
    planVersion: int,
    status: { type: 'string', enum: ['SCHEDULED', ...CONTRIBUTION_STATUSES] },
    contribution: nullable({ $ref: 'CoopContribution#' }),
    proof: nullable({
      type: 'object',
      properties: { documentId: str, fileName: str, mimeType: str, sha256: str },
    }),
  },
} as const);

export const ledgerEntrySchema = closed({
  $id: 'CoopLedgerEntry',
  type: 'object',
  properties: {
    id: str,
    seq: int,
    memberId: str,
    kind: { type: 'string', enum: [...LEDGER_KINDS] },
    amount: { type: 'integer', description: 'signed cents: + owed by the member, − paid/waived' },
    balanceAfter: { type: 'integer', description: "the member's running balance (+ = owes)" },
    contributionId: nstr,
    reference: str,
    description: nstr,
    effectiveAt: str,
    createdAt: str,
    actorId: nstr,
    prevHash: nstr,
    hash: str,
  },
} as const);

export const timelineEventSchema = closed({
  $id: 'CoopTimelineEvent',
  type: 'object',
  properties: {
    id: str,
    memberId: nstr,
    kind: str,
    title: str,
    payload: { type: 'object', additionalProperties: true },
    actorId: nstr,
    occurredAt: str,
  },
} as const);

export const COOP_SCHEMAS = [
  groupSchema,
  memberSchema,
  planSchema,
  contributionSchema,
  scheduleLineSchema,
  ledgerEntrySchema,
  timelineEventSchema,
];

/** The cursor form of a list (feeds): `nextCursor` is null on the last page. */
export const cursorListOf = (ref: string) => ({
  type: 'object',
  required: ['data', 'total', 'nextCursor'],
  properties: {
    data: { type: 'array', items: { $ref: `${ref}#` } },
    total: { ...int, description: 'Rows in the whole feed' },
    nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page' },
  },
});

export const listOf = (ref: string) => ({
  type: 'object',
  required: ['data', 'total'],
  properties: { data: { type: 'array', items: { $ref: `${ref}#` } }, total: int },
});
