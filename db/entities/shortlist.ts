import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

/** A listing on a dossier's shortlist (F-8.3), with the score and explanation it had when added. */
export const ShortlistEntry = defineEntity({
  name: 'ShortlistEntry',
  tableName: 'shortlist_entry',
  indexes: [{ properties: ['orgId', 'dossierId'] }, { properties: ['orgId', 'annonceId'] }],
  uniques: [{ properties: ['dossierId', 'annonceId'] }],
  properties: {
    ...tenantBaseProperties(),
    dossierId: p.uuid(),
    annonceId: p.uuid(),
    status: p.string().length(16),
    statusChangedAt: p.datetime(),
    statusChangedBy: p.uuid().nullable(),
    score: p.integer().nullable(),
    explanation: p.json<unknown[]>().default([]),
    comment: p.text().nullable(),
  },
});
export type IShortlistEntry = InferEntity<typeof ShortlistEntry>;

/** Every status a shortlist entry went through: who, when, from what. */
export const ShortlistEvent = defineEntity({
  name: 'ShortlistEvent',
  tableName: 'shortlist_event',
  indexes: [{ properties: ['orgId', 'dossierId', 'at'] }],
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    entryId: p.uuid(),
    dossierId: p.uuid(),
    fromStatus: p.string().length(16).nullable(),
    toStatus: p.string().length(16),
    actorId: p.uuid().nullable(),
    at: p.datetime(),
    comment: p.text().nullable(),
  },
});
export type IShortlistEvent = InferEntity<typeof ShortlistEvent>;
