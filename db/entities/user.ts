import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    ...tenantBaseProperties(),
    /** Stored lower-cased; unique per organisation. */
    email: p.string(),
    fullName: p.string(),
    passwordHash: p.string().hidden(),
    roles: p.array().default([]),
    isActive: p.boolean().default(true),
    deactivatedAt: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['orgId', 'email'] }],
});
export type IUser = InferEntity<typeof User>;
