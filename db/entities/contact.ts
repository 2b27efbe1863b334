import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

export const CONTACT_STATUSES = ['lead', 'active_client', 'archived'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export const CONTACT_ROLES = ['PROPRIETAIRE', 'LOCATAIRE', 'COPROPRIETAIRE', 'ACQUEREUR'] as const;
export type ContactRoleCode = (typeof CONTACT_ROLES)[number];

/**
 * The document searched by `q` (GIN index contact_search_index). Email and phone are also indexed
 * with punctuation stripped, so `dupont`, `example` or `33612` match `jean.dupont@example.com` / `+33612…`.
 * `alias` qualifies the columns in a query.
 */
export function contactSearchDocument(alias = ''): string {
  const col = (name: string) => `coalesce(${alias}${name}, '')`;
  return (
    `${col('first_name')} || ' ' || ${col('last_name')} || ' ' || ${col('email')} || ' ' || ` +
    `regexp_replace(${col('email')}, '[^[:alnum:]]+', ' ', 'g') || ' ' || regexp_replace(${col('phone')}, '[^0-9]+', '', 'g')`
  );
}

/** A person the agency works with (F-4.1–F-4.5); `status` changes through convert/archive/merge. */
export const Contact = defineEntity({
  name: 'Contact',
  tableName: 'contact',
  indexes: [
    { properties: ['orgId', 'status'] },
    { properties: ['orgId', 'source'] },
    { properties: ['orgId', 'assignedAgentId'] },
    { properties: ['orgId', 'createdAt'] },
    { properties: ['orgId', 'lastInteractionAt'] },
    {
      name: 'contact_tags_index',
      expression: 'create index contact_tags_index on contact using gin (tags)',
    },
    {
      name: 'contact_search_index',
      expression: `create index contact_search_index on contact using gin (to_tsvector('atlas_search', ${contactSearchDocument()}))`,
    },
    {
      name: 'contact_org_id_email_unique',
      expression: 'create unique index contact_org_id_email_unique on contact (org_id, lower(email))',
    },
  ],
  properties: {
    ...tenantBaseProperties(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    email: p.string().length(254),
    /** E.164, e.g. +33612345678. */
    phone: p.string().length(32).nullable(),
    status: p.string().length(16).default('lead'),
    source: p.string().length(64).nullable(),
    tags: p.array().default([]),
    assignedAgentId: p.uuid().nullable(),
    /** Maintained by activities and messages (see touchLastInteraction in db/contacts.ts). */
    lastInteractionAt: p.datetime().nullable(),
    convertedAt: p.datetime().nullable(),
    mergedIntoId: p.uuid().nullable(),
    /** Set when the contact's personal data was erased on request (F-6.5). */
    erasedAt: p.datetime().nullable(),
    /** Lead score: the best score of its open dossiers (db/scoring.ts); null = never scored. */
    score: p.integer().nullable(),
  },
});
export type IContact = InferEntity<typeof Contact>;

/** A business role held over a period; ending it keeps the row, so history stays visible (F-4.3). */
export const ContactRole = defineEntity({
  name: 'ContactRole',
  tableName: 'contact_role',
  indexes: [{ properties: ['orgId', 'contactId'] }],
  uniques: [
    {
      // One open-ended holding of each role per contact; ended or dated rows are history.
      name: 'contact_role_open_unique',
      expression:
        'create unique index contact_role_open_unique on contact_role (contact_id, role) where ended_at is null and end_date is null',
    },
  ],
  properties: {
    ...tenantBaseProperties(),
    contactId: p.uuid(),
    role: p.string().length(32),
    startDate: p.date(),
    endDate: p.date().nullable(),
    endedAt: p.datetime().nullable(),
  },
});
export type IContactRole = InferEntity<typeof ContactRole>;

/** Append-only history of who a contact was assigned to (F-4.2). */
export const ContactAssignment = defineEntity({
  name: 'ContactAssignment',
  tableName: 'contact_assignment',
  indexes: [{ properties: ['orgId', 'contactId', 'at'] }],
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    contactId: p.uuid(),
    fromAgentId: p.uuid().nullable(),
    toAgentId: p.uuid().nullable(),
    actorId: p.uuid().nullable(),
    at: p.datetime(),
  },
});
export type IContactAssignment = InferEntity<typeof ContactAssignment>;
