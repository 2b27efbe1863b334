import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A versioned lead-scoring ruleset of one organisation (definitions/scoring-rules.schema.ts). As for
 * workflow definitions: `version` is immutable once PUBLISHED; `lockVersion` locks edits of a DRAFT.
 */
export const ScoringRuleset = defineEntity({
  name: 'ScoringRuleset',
  tableName: 'scoring_ruleset',
  uniques: [{ properties: ['orgId', 'version'] }],
  indexes: [{ properties: ['orgId', 'status'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    version: p.integer(),
    status: p.string().length(16).default('DRAFT'),
    body: p.json<Record<string, unknown>>(),
    publishedAt: p.datetime().nullable(),
    publishedBy: p.uuid().nullable(),
    retiredAt: p.datetime().nullable(),
    basedOnId: p.uuid().nullable(),
    lockVersion: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    createdBy: p.uuid().nullable(),
  },
});
export type IScoringRuleset = InferEntity<typeof ScoringRuleset>;
