import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

import { COOP_LOT_STATUSES, COOP_PROJECT_STATUSES } from '../../definitions/coop/project.js';

export { COOP_LOT_STATUSES, COOP_PROJECT_STATUSES };

export interface Milestone {
  code: string;
  label: string;
  plannedAt: string | null;
  reachedAt: string | null;
}

/** A building project of a group, with milestones. */
export const CoopProject = defineEntity({
  name: 'CoopProject',
  tableName: 'coop_project',
  indexes: [{ properties: ['orgId', 'groupId'] }],
  properties: {
    ...tenantBaseProperties(),
    groupId: p.uuid(),
    name: p.string().length(200),
    statusCode: p.string().length(32),
    budgetTotal: p.bigint('number').nullable(),
    milestones: p.json<Milestone[]>(),
  },
});
export type ICoopProject = InferEntity<typeof CoopProject>;

/** A lot of a project: AVAILABLE → RESERVED (approved allocation) → ASSIGNED → DELIVERED. */
export const CoopLot = defineEntity({
  name: 'CoopLot',
  tableName: 'coop_lot',
  uniques: [{ properties: ['orgId', 'projectId', 'code'] }],
  properties: {
    ...tenantBaseProperties(),
    projectId: p.uuid(),
    groupId: p.uuid(),
    code: p.string().length(32),
    type: p.string().length(32),
    /** Square metres with two decimals (a measure, not money). */
    surface: p.decimal('number').precision(10).scale(2),
    floor: p.integer().nullable(),
    referencePrice: p.bigint('number').nullable(),
    status: p.string().length(16),
  },
});
export type ICoopLot = InferEntity<typeof CoopLot>;

/** One allocation run of a project (F-10.6): the proposal, its inputs' digest, PV and decision. */
export const CoopAllocationRun = defineEntity({
  name: 'CoopAllocationRun',
  tableName: 'coop_allocation_run',
  indexes: [{ properties: ['orgId', 'groupId', 'createdAt'] }],
  properties: {
    ...tenantBaseProperties(),
    groupId: p.uuid(),
    projectId: p.uuid(),
    status: p.string().length(16),
    cutoffAt: p.datetime(),
    usePreferences: p.boolean(),
    /** sha256 of the inputs (members, lots, ledger up to the cut-off): a replay must match it. */
    inputsDigest: p.string().length(64),
    skipped:
      p.json<
        { memberId: string; fifoRank: number; reason: string; detail: string; outstanding?: number }[]
      >(),
    pvDocumentId: p.uuid().nullable(),
    decidedAt: p.datetime().nullable(),
    decidedBy: p.uuid().nullable(),
    cancelReason: p.text().nullable(),
  },
});
export type ICoopAllocationRun = InferEntity<typeof CoopAllocationRun>;

/** One lot proposed to one member: PROPOSED → APPROVED → ASSIGNED → SIGNED, or CANCELLED (frees the lot). */
export const CoopAllocation = defineEntity({
  name: 'CoopAllocation',
  tableName: 'coop_allocation',
  indexes: [{ properties: ['orgId', 'runId'] }, { properties: ['orgId', 'lotId'] }],
  properties: {
    ...tenantBaseProperties(),
    runId: p.uuid(),
    groupId: p.uuid(),
    projectId: p.uuid(),
    lotId: p.uuid(),
    memberId: p.uuid(),
    fifoRank: p.integer(),
    status: p.string().length(16),
    approvedAt: p.datetime().nullable(),
    assignedAt: p.datetime().nullable(),
    signedAt: p.datetime().nullable(),
    cancelledAt: p.datetime().nullable(),
    cancelReason: p.text().nullable(),
  },
});
export type ICoopAllocation = InferEntity<typeof CoopAllocation>;
