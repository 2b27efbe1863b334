import { CONTACT_ROLES, CONTACT_STATUSES } from '../../../../db/entities/contact.js';
import { pageQueryProperties } from '../../../lib/list.js';
import { closed } from '../../../schemas/shared.js';

const nullableString = { type: ['string', 'null'] } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const requiredText = (maxLength: number) =>
  ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const;

export const contactSchema = closed({
  $id: 'Contact',
  type: 'object',
  properties: {
    id: { type: 'string' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    email: { type: 'string' },
    phone: nullableString,
    status: { type: 'string', enum: CONTACT_STATUSES },
    source: nullableString,
    tags: { type: 'array', items: { type: 'string' } },
    assignedAgentId: nullableString,
    lastInteractionAt: { type: ['string', 'null'], format: 'date-time' },
    score: { type: ['integer', 'null'], description: 'Best lead score of its open dossiers' },
    convertedAt: { type: ['string', 'null'], format: 'date-time' },
    mergedIntoId: nullableString,
    version: { type: 'integer' },
    createdAt: dateTime,
    updatedAt: dateTime,
    createdBy: nullableString,
  },
} as const);

export const contactRoleSchema = closed({
  $id: 'ContactRole',
  type: 'object',
  properties: {
    id: { type: 'string' },
    role: { type: 'string' },
    startDate: { type: 'string' },
    endDate: nullableString,
    endedAt: { type: ['string', 'null'], format: 'date-time' },
    active: { type: 'boolean' },
    version: { type: 'integer' },
    createdAt: dateTime,
    createdBy: nullableString,
  },
} as const);

export const contactDetailSchema = closed({
  type: 'object',
  properties: {
    ...contactSchema.properties,
    roles: { type: 'array', items: { $ref: 'ContactRole#' } },
    assignments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          fromAgentId: nullableString,
          toAgentId: nullableString,
          actorId: nullableString,
          at: dateTime,
        },
      },
    },
  },
} as const);

const editable = {
  firstName: requiredText(100),
  lastName: requiredText(100),
  email: { type: 'string', format: 'email', maxLength: 254 },
  phone: { type: ['string', 'null'], maxLength: 40 },
  source: { type: ['string', 'null'], maxLength: 64 },
  tags: { type: 'array', uniqueItems: true, maxItems: 30, items: { type: 'string', maxLength: 64 } },
  assignedAgentId: { type: ['string', 'null'], format: 'uuid' },
} as const;

export const createContactBody = {
  type: 'object',
  required: ['firstName', 'lastName', 'email'],
  additionalProperties: false,
  properties: editable,
} as const;

export const patchContactBody = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  minProperties: 2,
  properties: { version: { type: 'integer', minimum: 1 }, ...editable },
} as const;

const isoDate = { type: 'string', format: 'date' } as const;
export const roleCode = { type: 'string', enum: CONTACT_ROLES } as const;

export const addRoleBody = {
  type: 'object',
  required: ['role'],
  additionalProperties: false,
  properties: { role: roleCode, startDate: isoDate, endDate: { type: ['string', 'null'], format: 'date' } },
} as const;

export const endRoleBody = {
  type: 'object',
  additionalProperties: false,
  properties: { endDate: isoDate, version: { type: 'integer', minimum: 1 } },
} as const;

export const versionOnlyBody = {
  type: 'object',
  additionalProperties: false,
  properties: { version: { type: 'integer', minimum: 1 } },
} as const;

export const convertBody = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  properties: { version: { type: 'integer', minimum: 1 }, role: roleCode },
} as const;

export const mergeBody = {
  type: 'object',
  required: ['survivorId', 'duplicateId'],
  additionalProperties: false,
  properties: {
    survivorId: { type: 'string', format: 'uuid' },
    duplicateId: { type: 'string', format: 'uuid' },
    dryRun: { type: 'boolean', default: false },
  },
} as const;

export const listContactsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQueryProperties,
    q: { type: 'string', minLength: 1, maxLength: 200 },
    status: { type: 'array', items: { type: 'string', enum: CONTACT_STATUSES }, maxItems: 3 },
    source: { type: 'string', maxLength: 64 },
    assignedAgentId: { type: 'string', format: 'uuid' },
    tag: { type: 'string', maxLength: 64 },
    lastInteractionFrom: dateTime,
    lastInteractionTo: dateTime,
    createdFrom: dateTime,
    createdTo: dateTime,
  },
} as const;

export interface ListContactsQuery {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  status?: string[];
  source?: string;
  assignedAgentId?: string;
  tag?: string;
  lastInteractionFrom?: string;
  lastInteractionTo?: string;
  createdFrom?: string;
  createdTo?: string;
}
