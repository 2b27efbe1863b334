import { ACCOUNT_TYPES } from '../../../../db/entities/account.js';
import { pageQueryProperties } from '../../../lib/list.js';
import { closed } from '../../../schemas/shared.js';

const nullableString = { type: ['string', 'null'] } as const;

export const accountSchema = closed({
  $id: 'Account',
  type: 'object',
  properties: {
    id: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string', enum: ACCOUNT_TYPES },
    city: nullableString,
    country: nullableString,
    primaryContactId: nullableString,
    convertedAt: { type: ['string', 'null'], format: 'date-time' },
    contacts: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          contactId: { type: 'string' },
          isPrimary: { type: 'boolean' },
          isBilling: { type: 'boolean' },
          isShipping: { type: 'boolean' },
          isDecisionMaker: { type: 'boolean' },
          version: { type: 'integer' },
        },
      },
    },
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    createdBy: nullableString,
  },
} as const);

const editable = {
  code: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$' },
  name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
  type: { type: 'string', enum: ACCOUNT_TYPES },
  city: { type: ['string', 'null'], maxLength: 120 },
  country: { type: ['string', 'null'], pattern: '^[A-Z]{2}$' },
} as const;

export const createAccountBody = {
  type: 'object',
  required: ['code', 'name'],
  additionalProperties: false,
  properties: { ...editable, primaryContactId: { type: 'string', format: 'uuid' } },
} as const;

export const patchAccountBody = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  minProperties: 2,
  properties: { version: { type: 'integer', minimum: 1 }, ...editable },
} as const;

export const linkBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    isPrimary: { type: 'boolean' },
    isBilling: { type: 'boolean' },
    isShipping: { type: 'boolean' },
    isDecisionMaker: { type: 'boolean' },
  },
} as const;

export const listAccountsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...pageQueryProperties,
    q: { type: 'string', minLength: 1, maxLength: 200 },
    type: { type: 'array', items: { type: 'string', enum: ACCOUNT_TYPES }, maxItems: 6 },
    city: { type: 'string', maxLength: 120 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    contactId: { type: 'string', format: 'uuid' },
  },
} as const;

export interface ListAccountsQuery {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  type?: string[];
  city?: string;
  country?: string;
  contactId?: string;
}
