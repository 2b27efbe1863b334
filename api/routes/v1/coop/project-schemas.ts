/** JSON schemas of coop projects, lots and allocation runs (F-10.6); money is integer cents. */
import { COOP_LOT_STATUSES, COOP_PROJECT_STATUSES } from '../../../../db/entities/coop-project.js';
import { dateTime, uuid } from './schemas.js';
import { closed } from '../../../schemas/shared.js';

const str = { type: 'string' } as const;
const nstr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const code = { type: 'string', minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9._-]+$' } as const;
const nullableCents = { type: ['integer', 'null'], minimum: 0, maximum: 9007199254740991 } as const;

export const milestoneInput = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'label'],
  properties: {
    code,
    label: { type: 'string', minLength: 1, maxLength: 200 },
    dueDate: { anyOf: [dateTime, { type: 'null' }] },
    doneAt: { anyOf: [dateTime, { type: 'null' }] },
  },
} as const;

export const projectBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    statusCode: { type: 'string', enum: [...COOP_PROJECT_STATUSES] },
    budgetTotalCents: nullableCents,
    milestones: { type: 'array', maxItems: 100, items: milestoneInput },
  },
} as const;

export const lotBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'type', 'surfaceM2'],
  properties: {
    code,
    type: { type: 'string', minLength: 1, maxLength: 32 },
    surfaceM2: { type: 'number', exclusiveMinimum: 0, maximum: 99999999 },
    floor: { type: ['integer', 'null'], minimum: -10, maximum: 300 },
    referencePriceCents: nullableCents,
  },
} as const;

const projectSchema = closed({
  $id: 'CoopProject',
  type: 'object',
  properties: {
    id: str,
    groupId: str,
    name: str,
    statusCode: str,
    budgetTotalCents: { type: ['integer', 'null'] },
    milestones: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: str, label: str, dueDate: nstr, doneAt: nstr },
      },
    },
    version: int,
    createdAt: str,
    updatedAt: str,
  },
} as const);

const lotSchema = closed({
  $id: 'CoopLot',
  type: 'object',
  properties: {
    id: str,
    projectId: str,
    groupId: str,
    code: str,
    type: str,
    surfaceM2: { type: 'number' },
    floor: { type: ['integer', 'null'] },
    referencePriceCents: { type: ['integer', 'null'] },
    status: { type: 'string', enum: [...COOP_LOT_STATUSES] },
    version: int,
    createdAt: str,
    updatedAt: str,
  },
} as const);

const runSchema = closed({
  $id: 'CoopAllocationRun',
  type: 'object',
  properties: {
    id: str,
    groupId: str,
    projectId: str,
    status: {
      type: 'string',
      enum: ['PROPOSED', 'ASSIGNED', 'SIGNED', 'CANCELLED'],
      description: 'PROPOSED → ASSIGNED (approved with a PV) → SIGNED, or CANCELLED (frees the lots)',
    },
    cutoffAt: str,
    usePreferences: { type: 'boolean' },
    inputsDigest: { type: 'string', description: 'sha256 of members, lots and ledger at the cut-off' },
    pvDocumentId: nstr,
    decidedAt: nstr,
    decidedBy: nstr,
    cancelReason: nstr,
    lines: {
      type: 'array',
      description: 'one line per member in FIFO order (a member sees only their own)',
      items: {
        type: 'object',
        properties: {
          memberId: str,
          displayName: nstr,
          fifoRank: int,
          lotId: nstr,
          lotCode: nstr,
          status: { type: 'string', description: 'allocation status, or SKIPPED' },
          reason: nstr,
          detail: nstr,
          outstandingCents: { type: ['integer', 'null'] },
        },
      },
    },
    version: int,
    createdAt: str,
    updatedAt: str,
  },
} as const);

export const PROJECT_SCHEMAS = [projectSchema, lotSchema, runSchema];

export const runBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cutoffAt: { ...dateTime, description: "default: the group's cut-off day rule (or now)" },
    usePreferences: { type: 'boolean', description: "default: the group's rule" },
  },
} as const;

export const approveBody = {
  type: 'object',
  additionalProperties: false,
  required: ['pvDocumentId'],
  properties: { pvDocumentId: { ...uuid, description: 'a PV document owned by the run or the group' } },
} as const;
