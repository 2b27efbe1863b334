import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * Append-only, tamper-evident audit trail. The insert trigger writes `contentHash` (the row's own
 * fields); `seq`, `prevHash` and `hash` (per-organisation hash chain over content hashes) are filled
 * by the database sealer after commit, so no code path can forget or forge them. Null until sealed.
 */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  indexes: [{ properties: ['orgId', 'entityType', 'entityId'] }, { properties: ['orgId', 'createdAt'] }],
  uniques: [{ properties: ['orgId', 'seq'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    seq: p.bigint('number').nullable(),
    entityType: p.string().length(64),
    entityId: p.string().length(128),
    action: p.string().length(32),
    actorId: p.uuid().nullable(),
    actorType: p.string().length(16).default('USER'),
    beforeJson: p.json<Record<string, unknown>>().nullable(),
    afterJson: p.json<Record<string, unknown>>().nullable(),
    diffJson: p.json<Record<string, unknown>>().nullable(),
    correlationId: p.string().length(128).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    prevHash: p.string().length(64).nullable(),
    hash: p.string().length(64).nullable(),
    contentHash: p.string().length(64).nullable(),
  },
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;
