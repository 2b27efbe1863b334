import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { tenantBaseProperties } from './base.js';

/** One due line of a member's schedule (échéancier), driven by the contribution-cycle workflow. */
export const CoopContribution = defineEntity({
  name: 'CoopContribution',
  tableName: 'coop_contribution',
  uniques: [{ properties: ['orgId', 'planId', 'memberId', 'seq'] }],
  indexes: [{ properties: ['orgId', 'groupId', 'dueAt'] }, { properties: ['orgId', 'memberId', 'dueAt'] }],
  properties: {
    ...tenantBaseProperties(),
    groupId: p.uuid(),
    planId: p.uuid(),
    memberId: p.uuid(),
    seq: p.integer(),
    planVersion: p.integer(),
    dueAt: p.datetime(),
    baseAmount: p.bigint('number'),
    indexationAmount: p.bigint('number'),
    amountDue: p.bigint('number'),
    status: p.string().length(16),
    calledAt: p.datetime(),
    lateSince: p.datetime().nullable(),
    penaltiesApplied: p.integer().default(0),
    penaltyTotal: p.bigint('number').default(0),
    waivedAmount: p.bigint('number').default(0),
    proofDocumentId: p.uuid().nullable(),
    proofSubmittedAt: p.datetime().nullable(),
    amountPaid: p.bigint('number').nullable(),
    paidAt: p.datetime().nullable(),
    method: p.string().length(32).nullable(),
    decidedBy: p.uuid().nullable(),
    decidedAt: p.datetime().nullable(),
    rejectionReason: p.text().nullable(),
    waiverReason: p.text().nullable(),
    workflowId: p.string().length(200),
  },
});
export type ICoopContribution = InferEntity<typeof CoopContribution>;

/**
 * An append-only ledger entry (F-10.5). seq, balance_after, prev_hash and hash are set by the
 * database trigger (chained per group); the database refuses UPDATE and DELETE.
 */
export const CoopLedgerEntry = defineEntity({
  name: 'CoopLedgerEntry',
  tableName: 'coop_ledger_entry',
  uniques: [{ properties: ['orgId', 'groupId', 'seq'] }, { properties: ['orgId', 'reference'] }],
  indexes: [{ properties: ['orgId', 'groupId', 'memberId', 'seq'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    groupId: p.uuid(),
    memberId: p.uuid(),
    seq: p.bigint('number').nullable(),
    kind: p.string().length(24),
    amount: p.bigint('number'),
    balanceAfter: p.bigint('number').nullable(),
    contributionId: p.uuid().nullable(),
    /** Idempotency key of the entry (one call, one penalty period, one decision): unique per organisation. */
    reference: p.string().length(200),
    description: p.text().nullable(),
    effectiveAt: p.datetime(),
    createdAt: p.datetime().nullable(),
    actorId: p.uuid().nullable(),
    prevHash: p.string().length(64).nullable(),
    hash: p.string().length(64).nullable(),
  },
});
export type ICoopLedgerEntry = InferEntity<typeof CoopLedgerEntry>;

/** The group's timeline (F-10.8): proofs, decisions, rank and status changes, milestones, notices. */
export const CoopTimelineEvent = defineEntity({
  name: 'CoopTimelineEvent',
  tableName: 'coop_timeline_event',
  uniques: [{ properties: ['orgId', 'sourceKey'] }],
  indexes: [{ properties: ['orgId', 'groupId', 'occurredAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    groupId: p.uuid(),
    memberId: p.uuid().nullable(),
    kind: p.string().length(48),
    title: p.string().length(300),
    payload: p.json<Record<string, unknown>>(),
    actorId: p.uuid().nullable(),
    occurredAt: p.datetime(),
    sourceKey: p.string().length(200),
  },
});
export type ICoopTimelineEvent = InferEntity<typeof CoopTimelineEvent>;
