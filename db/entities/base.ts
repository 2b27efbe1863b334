import { p } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * The base tenant schema: every mutable business row carries these. `orgId` is what both the
 * MikroORM tenant filter and PostgreSQL row-level security key on.
 */
export function tenantBaseProperties() {
  return {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid().index(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
    createdBy: p.uuid().nullable(),
  };
}

/** Tables subject to the tenant filter and to row-level security on `org_id`. */
export const TENANT_FILTER = 'tenant';
