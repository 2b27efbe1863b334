import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * Dictionary entry (F-2.1). `orgId` null = global default; a tenant row with the same
 * (dictType, code) overrides it. Deactivated codes stay valid on old rows.
 */
export const RefDictionary = defineEntity({
  name: 'RefDictionary',
  tableName: 'ref_dictionary',
  indexes: [{ properties: ['dictType', 'orgId'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid().nullable(),
    dictType: p.string().length(64),
    code: p.string().length(64),
    label: p.string(),
    labelFr: p.string().nullable(),
    labelAr: p.string().nullable(),
    sortOrder: p.integer().default(0),
    isActive: p.boolean().default(true),
    metadataJson: p.json<Record<string, unknown>>().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    createdBy: p.uuid().nullable(),
  },
});
export type IRefDictionary = InferEntity<typeof RefDictionary>;
