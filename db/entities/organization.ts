import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export const Organization = defineEntity({
  name: 'Organization',
  tableName: 'organization',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    slug: p.string().length(63).unique(),
    name: p.string(),
    isActive: p.boolean().default(true),
    /** Tenant settings (appointment reminder offsets…), validated by the settings API. */
    settings: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type IOrganization = InferEntity<typeof Organization>;
