import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

import { ACCOUNT_TYPES, type AccountType } from '../../definitions/account.js';

export { ACCOUNT_TYPES, type AccountType };

/**
 * Searched by `q` (GIN index account_search_index); the code also without punctuation, since the
 * parser reads `VIP-2024` as `vip` and `-2024`. `alias` qualifies the columns in a query.
 */
export function accountSearchDocument(alias = ''): string {
  const col = (name: string) => `coalesce(${alias}${name}, '')`;
  return `${col('name')} || ' ' || ${col('code')} || ' ' || regexp_replace(${col('code')}, '[^[:alnum:]]+', ' ', 'g')`;
}

/** A customer company (AZALSCORE); its primary contact is the account_contact link flagged is_primary. */
export const Account = defineEntity({
  name: 'Account',
  tableName: 'account',
  indexes: [
    { properties: ['orgId', 'type'] },
    { properties: ['orgId', 'createdAt'] },
    {
      name: 'account_search_index',
      expression: `create index account_search_index on account using gin (to_tsvector('atlas_search', ${accountSearchDocument()}))`,
    },
  ],
  uniques: [{ properties: ['orgId', 'code'] }],
  properties: {
    ...tenantBaseProperties(),
    code: p.string().length(32),
    name: p.string().length(200),
    type: p.string().length(16).default('PROSPECT'),
    city: p.string().length(120).nullable(),
    /** ISO 3166-1 alpha-2. */
    country: p.string().length(2).nullable(),
    convertedAt: p.datetime().nullable(),
  },
});
export type IAccount = InferEntity<typeof Account>;

/** A contact's place in an account; at most one primary per account (partial unique index). */
export const AccountContact = defineEntity({
  name: 'AccountContact',
  tableName: 'account_contact',
  indexes: [{ properties: ['orgId', 'contactId'] }],
  uniques: [
    { properties: ['accountId', 'contactId'] },
    {
      name: 'account_contact_one_primary',
      expression:
        'create unique index account_contact_one_primary on account_contact (account_id) where is_primary',
    },
  ],
  properties: {
    ...tenantBaseProperties(),
    accountId: p.uuid(),
    contactId: p.uuid(),
    isPrimary: p.boolean().default(false),
    isBilling: p.boolean().default(false),
    isShipping: p.boolean().default(false),
    isDecisionMaker: p.boolean().default(false),
  },
});
export type IAccountContact = InferEntity<typeof AccountContact>;
