import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

/** A named permission set, editable per organisation. Users reference roles by `code`. */
export const Role = defineEntity({
  name: 'Role',
  tableName: 'role',
  uniques: [{ properties: ['orgId', 'code'] }],
  properties: {
    ...tenantBaseProperties(),
    code: p.string().length(64),
    name: p.string(),
    permissions: p.array().default([]),
    isSystem: p.boolean().default(false),
  },
});
export type IRole = InferEntity<typeof Role>;
