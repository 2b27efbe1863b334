import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { CoopGroupRules } from '../../definitions/coop/rules.js';
import type { PlanFormula, PlanSchedule } from '../../definitions/coop/plan.js';
import { COOP_MEMBER_STATUSES, type CoopMemberStatus } from '../../definitions/coop/member.js';
import { tenantBaseProperties } from './base.js';

export { COOP_MEMBER_STATUSES, type CoopMemberStatus };

/** A housing cooperative group (F-10.1); `statusCode` follows the tenant's COOP_GROUP workflow definition. */
export const CoopGroup = defineEntity({
  name: 'CoopGroup',
  tableName: 'coop_group',
  indexes: [{ properties: ['orgId', 'statusCode'] }, { properties: ['orgId', 'createdAt'] }],
  properties: {
    ...tenantBaseProperties(),
    name: p.string().length(200),
    city: p.string().length(120),
    description: p.text().nullable(),
    statusCode: p.string().length(64),
    /** The COOP_GROUP definition version the group runs on (pinned like a dossier's). */
    definitionVersion: p.integer(),
    rules: p.json<CoopGroupRules>(),
  },
});
export type ICoopGroup = InferEntity<typeof CoopGroup>;

export interface KycItem {
  code: string;
  label: string;
  required: boolean;
  documentId: string | null;
  status: 'MISSING' | 'PROVIDED' | 'VALIDATED' | 'REFUSED';
  comment: string | null;
}

/** A member of a group (F-10.2): FIFO rank unique per group, KYC-light checklist, optional app user. */
export const CoopMember = defineEntity({
  name: 'CoopMember',
  tableName: 'coop_member',
  indexes: [{ properties: ['orgId', 'groupId', 'status'] }, { properties: ['orgId', 'userId'] }],
  properties: {
    ...tenantBaseProperties(),
    groupId: p.uuid(),
    displayName: p.string().length(200),
    phone: p.string().length(32).nullable(),
    email: p.string().length(254).nullable(),
    /** The CRM contact messages go to (consent is the contact's). */
    contactId: p.uuid().nullable(),
    /** The app user (role with COOP_MEMBER) who signs in as this member. */
    userId: p.uuid().nullable(),
    status: p.string().length(16),
    statusReason: p.text().nullable(),
    fifoRank: p.integer(),
    kyc: p.json<KycItem[]>(),
    kycValidatedAt: p.datetime().nullable(),
    kycValidatedBy: p.uuid().nullable(),
    /** Ordered lot ids per project id, honoured when the group's rules say so. */
    lotPreferences: p.json<Record<string, string[]>>(),
  },
});
export type ICoopMember = InferEntity<typeof CoopMember>;

/** A contribution plan of a group; its terms live in immutable versions. */
export const CoopPlan = defineEntity({
  name: 'CoopPlan',
  tableName: 'coop_plan',
  indexes: [{ properties: ['orgId', 'groupId'] }],
  properties: {
    ...tenantBaseProperties(),
    groupId: p.uuid(),
    name: p.string().length(200),
    status: p.string().length(16),
  },
});
export type ICoopPlan = InferEntity<typeof CoopPlan>;

/** One version of a plan: governs due dates from `effectiveFrom` on; never edited (append-only). */
export const CoopPlanVersion = defineEntity({
  name: 'CoopPlanVersion',
  tableName: 'coop_plan_version',
  uniques: [{ properties: ['orgId', 'planId', 'version'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    planId: p.uuid(),
    version: p.integer(),
    effectiveFrom: p.datetime(),
    schedule: p.json<PlanSchedule>(),
    formula: p.json<PlanFormula>(),
    reason: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    createdBy: p.uuid().nullable(),
  },
});
export type ICoopPlanVersion = InferEntity<typeof CoopPlanVersion>;
