import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

/**
 * The text full-text search reads: title and reference with punctuation turned into spaces, so a
 * reference like D-2026-1A2B is three plain words (the default parser reads "-2026" as a number).
 */
export function dossierSearchDocument(alias = ''): string {
  return `regexp_replace(coalesce(${alias}title, '') || ' ' || coalesce(${alias}reference, ''), '[^[:alnum:]]+', ' ', 'g')`;
}

/** A case (dossier) run by its Temporal workflow; `statusCode` changes only through that workflow. */
export const Dossier = defineEntity({
  name: 'Dossier',
  tableName: 'dossier',
  indexes: [
    { properties: ['orgId', 'caseType', 'statusCode'] },
    { properties: ['orgId', 'assignedAgentId'] },
    { properties: ['orgId', 'createdAt'] },
    {
      name: 'dossier_search_index',
      expression: `create index dossier_search_index on dossier using gin (to_tsvector('atlas_search', ${dossierSearchDocument()}))`,
    },
  ],
  uniques: [{ properties: ['orgId', 'reference'] }],
  properties: {
    ...tenantBaseProperties(),
    reference: p.string().length(32),
    caseType: p.string().length(64),
    statusCode: p.string().length(64),
    statusChangedAt: p.datetime(),
    definitionId: p.uuid(),
    definitionVersion: p.integer(),
    workflowId: p.string().length(128),
    title: p.string().length(300),
    assignedAgentId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    annonceId: p.uuid().nullable(),
    source: p.string().length(64).nullable(),
    budgetMin: p.decimal('number').precision(14).scale(2).nullable(),
    budgetMax: p.decimal('number').precision(14).scale(2).nullable(),
    currency: p.string().length(3).default('EUR'),
    locationZone: p.string().length(200).nullable(),
    criteria: p.json<Record<string, unknown>>().nullable(),
    amount: p.decimal('number').precision(14).scale(2).nullable(),
    probability: p.integer().nullable(),
    expectedCloseDate: p.date().nullable(),
    score: p.integer().nullable(),
    closeReasonCode: p.string().length(64).nullable(),
    closeComment: p.text().nullable(),
    closedAt: p.datetime().nullable(),
    metaJson: p.json<Record<string, unknown>>().nullable(),
  },
});
export type IDossier = InferEntity<typeof Dossier>;

/** One row per status change (F-3.2); `updateId` makes a retried transition land once. */
export const DossierStatusHistory = defineEntity({
  name: 'DossierStatusHistory',
  tableName: 'dossier_status_history',
  indexes: [{ properties: ['orgId', 'dossierId', 'at'] }],
  uniques: [{ properties: ['orgId', 'updateId'] }],
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    dossierId: p.uuid(),
    fromStatus: p.string().length(64).nullable(),
    toStatus: p.string().length(64),
    actorId: p.uuid().nullable(),
    actorType: p.string().length(16).default('USER'),
    at: p.datetime(),
    reasonCode: p.string().length(64).nullable(),
    comment: p.text().nullable(),
    definitionVersion: p.integer(),
    updateId: p.string().length(128),
  },
});
export type IDossierStatusHistory = InferEntity<typeof DossierStatusHistory>;

/** Everything that happened on a dossier or contact, newest first in the UI (F-5.3). */
export const TimelineEvent = defineEntity({
  name: 'TimelineEvent',
  tableName: 'timeline_event',
  indexes: [
    { properties: ['orgId', 'dossierId', 'occurredAt'] },
    { properties: ['orgId', 'contactId', 'occurredAt'] },
  ],
  uniques: [{ properties: ['orgId', 'sourceKey'] }],
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    dossierId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    kind: p.string().length(32),
    channel: p.string().length(16).nullable(),
    direction: p.string().length(16).nullable(),
    authorId: p.uuid().nullable(),
    title: p.string().length(300),
    body: p.text().nullable(),
    payload: p.json<Record<string, unknown>>().nullable(),
    occurredAt: p.datetime(),
    /** Idempotency key of whatever produced the event (update id, timer key…). */
    sourceKey: p.string().length(200),
  },
});
export type ITimelineEvent = InferEntity<typeof TimelineEvent>;

/** Stored answers of creating POSTs and transitions, replayed for a retried `Idempotency-Key`. */
export const IdempotencyRecord = defineEntity({
  name: 'IdempotencyRecord',
  tableName: 'idempotency_record',
  properties: {
    orgId: p.uuid().primary(),
    scope: p.string().length(200).primary(),
    key: p.string().length(200).primary(),
    requestHash: p.string().length(64),
    statusCode: p.integer(),
    response: p.json<unknown>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  primaryKeys: ['orgId', 'scope', 'key'],
});
export type IIdempotencyRecord = InferEntity<typeof IdempotencyRecord>;
