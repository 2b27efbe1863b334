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
    /** In every token (`ver`); bumped on a password change or reset, which ends older sessions. */
    tokenVersion: p.integer().default(0).hidden(),
    /** Set by an admin reset: until a new password is chosen, the account may do nothing else. */
    mustChangePassword: p.boolean().default(false),
    passwordChangedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['orgId', 'email'] }],
});
export type IUser = InferEntity<typeof User>;
