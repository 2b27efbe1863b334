import { applyContributionAction, type ContributionAction } from '../definitions/coop/contribution.js';
import type { ContributionStatus } from '../definitions/coop/contribution.js';
import type { CycleSnapshot } from '../definitions/coop/cycle.js';
import { lateAt, penaltyAmount } from '../definitions/coop/plan.js';
import { formatCents } from '../definitions/coop/money.js';
import { recordAudit } from './audit.js';
import { appendLedgerEntry } from './coop-ledger.js';
import { formulaAt, planVersions, timedLines } from './coop-plans.js';
import { addCoopEvent } from './coop-timeline.js';
import { CoopContribution, CoopMember, Document, type ICoopContribution } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

/** A business refusal inside the cycle (the line changed meanwhile): retrying cannot fix it. */
export class ContributionRefusedError extends Error {
  override name = 'ContributionRefusedError';
  constructor(
    reason: string,
    /** What a client phrases, when known: the line's status and the refused action. */
    readonly params: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

export function contributionView(c: ICoopContribution) {
  return {
    id: c.id,
    groupId: c.groupId,
    planId: c.planId,
    memberId: c.memberId,
    seq: c.seq,
    planVersion: c.planVersion,
    dueAt: c.dueAt.toISOString(),
    baseAmount: c.baseAmount,
    indexationAmount: c.indexationAmount,
    amountDue: c.amountDue,
    penaltyTotal: c.penaltyTotal,
    penaltiesApplied: c.penaltiesApplied,
    waivedAmount: c.waivedAmount,
    amountPaid: c.amountPaid ?? null,
    outstanding: outstandingOf(c),
    status: c.status as ContributionStatus,
    calledAt: c.calledAt.toISOString(),
    lateSince: c.lateSince?.toISOString() ?? null,
    proofDocumentId: c.proofDocumentId ?? null,
    proofSubmittedAt: c.proofSubmittedAt?.toISOString() ?? null,
    paidAt: c.paidAt?.toISOString() ?? null,
    method: c.method ?? null,
    decidedBy: c.decidedBy ?? null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    rejectionReason: c.rejectionReason ?? null,
    waiverReason: c.waiverReason ?? null,
    workflowId: c.workflowId,
    version: c.version,
  };
}
export type ContributionView = ReturnType<typeof contributionView>;

/** What is still owed on a line: amount + penalties − waived − paid. */
export function outstandingOf(c: ICoopContribution): number {
  return c.amountDue + c.penaltyTotal - c.waivedAmount - (c.status === 'CONFIRMED' ? (c.amountPaid ?? 0) : 0);
}

/** The cycle's view of a member's plan: every due line with its timings and current state. */
export async function loadCycleSnapshot(em: Em, planId: string, memberId: string): Promise<CycleSnapshot> {
  const member = await em.findOneOrFail(CoopMember, { id: memberId });
  const versions = await planVersions(em, planId);
  const rows = await em.find(CoopContribution, { planId, memberId });
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const reminded = new Set(
    (
      await em.execute<{ source_key: string }[]>(
        `select source_key from coop_timeline_event where group_id = ? and member_id = ? and kind = 'NOTICE_REMINDER'`,
        [member.groupId, memberId],
      )
    ).map((r) => r.source_key),
  );
  return {
    memberStatus: member.status,
    lines: timedLines(versions).map((l) => {
      const row = bySeq.get(l.seq);
      return {
        seq: l.seq,
        dueAt: Date.parse(row?.dueAt.toISOString() ?? l.dueAt),
        amount: row?.amountDue ?? l.amount,
        planVersion: row?.planVersion ?? l.planVersion,
        callAt: l.callAt,
        reminderAt: l.reminderAt,
        lateAt: l.lateAt,
        penaltyEvery: l.penaltyEvery,
        maxPenalties: l.maxPenalties,
        contributionId: row?.id ?? null,
        status: (row?.status as ContributionStatus | undefined) ?? null,
        penaltiesApplied: row?.penaltiesApplied ?? 0,
        reminded: row ? reminded.has(`notice:${row.id}:REMINDER`) : false,
      };
    }),
  };
}

const money = (c: number) => formatCents(c);

/**
 * The call for funds of line `seq`: the line (amount from the version that governs its due date),
 * CALL and INDEXATION ledger entries, timeline and audit — once, whatever the retries.
 */
export async function callLine(
  em: Em,
  ctx: TenantContext,
  input: { planId: string; memberId: string; seq: number; workflowId: string },
): Promise<ICoopContribution> {
  const existing = await em.findOne(CoopContribution, input);
  if (existing) return existing;
  const member = await em.findOneOrFail(CoopMember, { id: input.memberId });
  const line = timedLines(await planVersions(em, input.planId)).find((l) => l.seq === input.seq);
  if (!line) throw new ContributionRefusedError(`the plan has no due line ${input.seq}`);
  const c = em.create(CoopContribution, {
    orgId: ctx.orgId,
    groupId: member.groupId,
    planId: input.planId,
    memberId: input.memberId,
    seq: input.seq,
    planVersion: line.planVersion,
    dueAt: new Date(line.dueAt),
    baseAmount: line.baseAmount,
    indexationAmount: line.indexation,
    amountDue: line.amount,
    status: 'PENDING',
    calledAt: new Date(),
    workflowId: input.workflowId,
  });
  await em.flush();
  const base = { orgId: ctx.orgId, groupId: member.groupId, memberId: member.id, contributionId: c.id };
  await appendLedgerEntry(em, {
    ...base,
    kind: 'CALL',
    magnitude: line.baseAmount,
    reference: `call:${c.id}`,
    description: `Call for funds #${c.seq} due ${line.dueAt.slice(0, 10)}`,
    effectiveAt: c.dueAt,
  });
  if (line.indexation > 0)
    await appendLedgerEntry(em, {
      ...base,
      kind: 'INDEXATION',
      magnitude: line.indexation,
      reference: `indexation:${c.id}`,
      description: `Indexation of call #${c.seq} (plan v${line.planVersion})`,
      effectiveAt: c.dueAt,
    });
  await addCoopEvent(em, {
    ...base,
    kind: 'CALL_FOR_FUNDS',
    title: `${member.displayName}: call #${c.seq} for ${money(c.amountDue)} due ${line.dueAt.slice(0, 10)}`,
    payload: { contributionId: c.id, seq: c.seq, amount: c.amountDue, dueAt: line.dueAt },
    sourceKey: `call:${c.id}`,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopContribution',
    entityId: c.id,
    action: 'CALL',
    after: contributionView(c),
    actorType: 'SYSTEM',
  });
  return c;
}

/** LATE status and the penalties of every late period started, up to `periods` (idempotent). */
export async function markLate(
  em: Em,
  ctx: TenantContext,
  input: { contributionId: string; periods: number },
): Promise<ICoopContribution> {
  const c = await em.findOneOrFail(CoopContribution, { id: input.contributionId });
  if (!['PENDING', 'REJECTED', 'LATE'].includes(c.status)) return c;
  const before = contributionView(c);
  const formula = formulaAt(await planVersions(em, c.planId), c.dueAt);
  const member = await em.findOneOrFail(CoopMember, { id: c.memberId });
  const base = { orgId: ctx.orgId, groupId: c.groupId, memberId: c.memberId, contributionId: c.id };
  for (let n = c.penaltiesApplied + 1; formula.penalty && n <= input.periods; n++) {
    const amount = penaltyAmount(formula.penalty, c.amountDue);
    if (amount > 0)
      await appendLedgerEntry(em, {
        ...base,
        kind: 'PENALTY',
        magnitude: amount,
        reference: `penalty:${c.id}:${n}`,
        description: `Late penalty ${n} on call #${c.seq}`,
        effectiveAt: new Date(),
      });
    c.penaltiesApplied = n;
    c.penaltyTotal += amount;
  }
  const newlyLate = c.status !== 'LATE';
  c.status = 'LATE';
  c.lateSince ??= new Date();
  await em.flush();
  await addCoopEvent(em, {
    ...base,
    kind: 'CONTRIBUTION_LATE',
    title: `${member.displayName}: call #${c.seq} ${newlyLate ? 'is late' : 'still late'} (${c.penaltiesApplied} penalt${c.penaltiesApplied === 1 ? 'y' : 'ies'}, ${money(c.penaltyTotal)})`,
    payload: { contributionId: c.id, penaltiesApplied: c.penaltiesApplied, penaltyTotal: c.penaltyTotal },
    sourceKey: `late:${c.id}:${c.penaltiesApplied}`,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopContribution',
    entityId: c.id,
    action: 'LATE',
    before,
    after: contributionView(c),
    actorType: 'SYSTEM',
  });
  return c;
}

export interface DecisionInput {
  contributionId: string;
  action: ContributionAction;
  /** The cycle asking: a line of another plan or member is refused. */
  planId?: string;
  memberId?: string;
  /** Idempotency: the update id; a replayed decision changes nothing. */
  decisionId: string;
  documentId?: string | null;
  reason?: string | null;
  method?: string | null;
  paidAt?: string | null;
}

const TITLES: Record<ContributionAction, string> = {
  submitProof: 'proof submitted',
  confirm: 'payment confirmed',
  reject: 'proof rejected',
  waive: 'waived',
  reverse: 'payment reversed',
};

/** Proof, confirmation, rejection, waiver or reversal of a line, with its ledger entry (authoritative). */
export async function decideContribution(
  em: Em,
  ctx: TenantContext,
  input: DecisionInput,
): Promise<ICoopContribution> {
  const c = await em.findOneOrFail(CoopContribution, { id: input.contributionId });
  if ((input.planId && c.planId !== input.planId) || (input.memberId && c.memberId !== input.memberId))
    throw new ContributionRefusedError('this contribution is not part of this cycle');
  const done = await em.execute('select 1 from coop_timeline_event where source_key = ?', [
    `decision:${input.decisionId}`,
  ]);
  if (done.length) return c;
  const formula = formulaAt(await planVersions(em, c.planId), c.dueAt);
  const late = !!c.lateSince || Date.now() >= lateAt(formula, c.dueAt.getTime());
  const verdict = applyContributionAction(c.status as ContributionStatus, input.action, late);
  if (!verdict.ok)
    throw new ContributionRefusedError(verdict.reason, { status: c.status, action: input.action });
  const before = contributionView(c);
  const member = await em.findOneOrFail(CoopMember, { id: c.memberId });
  const base = { orgId: ctx.orgId, groupId: c.groupId, memberId: c.memberId, contributionId: c.id };
  const now = new Date();
  const entry = (
    kind: 'PAYMENT_CONFIRMED' | 'WAIVER' | 'REJECTION_REVERSAL',
    magnitude: number,
    description: string,
  ) =>
    magnitude > 0
      ? appendLedgerEntry(em, {
          ...base,
          kind,
          magnitude,
          reference: `decision:${input.decisionId}`,
          description,
          effectiveAt: kind === 'PAYMENT_CONFIRMED' && input.paidAt ? new Date(input.paidAt) : now,
          actorId: ctx.userId ?? null,
        })
      : undefined;
  switch (input.action) {
    case 'submitProof': {
      const doc = input.documentId ? await em.findOne(Document, { id: input.documentId }) : null;
      if (!doc || doc.ownerType !== 'COOP_CONTRIBUTION' || doc.ownerId !== c.id)
        throw new ContributionRefusedError('the proof must be a document uploaded for this contribution');
      c.proofDocumentId = doc.id;
      c.proofSubmittedAt = now;
      break;
    }
    case 'confirm': {
      const owed = outstandingOf(c);
      await entry(
        'PAYMENT_CONFIRMED',
        owed,
        `Payment of call #${c.seq} confirmed${input.method ? ` (${input.method})` : ''}`,
      );
      c.amountPaid = owed;
      c.paidAt = input.paidAt ? new Date(input.paidAt) : now;
      c.method = input.method ?? null;
      break;
    }
    case 'reject':
      c.rejectionReason = input.reason ?? null;
      break;
    case 'waive': {
      const owed = outstandingOf(c);
      await entry('WAIVER', owed, `Call #${c.seq} waived: ${input.reason ?? ''}`);
      c.waivedAmount += owed;
      c.waiverReason = input.reason ?? null;
      break;
    }
    case 'reverse':
      await entry(
        'REJECTION_REVERSAL',
        c.amountPaid ?? 0,
        `Payment of call #${c.seq} reversed: ${input.reason ?? ''}`,
      );
      c.amountPaid = null;
      c.paidAt = null;
      c.rejectionReason = input.reason ?? null;
      break;
  }
  c.status = verdict.to;
  if (verdict.to === 'LATE') c.lateSince ??= now;
  if (input.action !== 'submitProof') {
    c.decidedBy = ctx.userId ?? null;
    c.decidedAt = now;
  }
  await em.flush();
  await addCoopEvent(em, {
    ...base,
    kind: `CONTRIBUTION_${input.action.replace(/[A-Z]/g, (l) => `_${l}`).toUpperCase()}`,
    title: `${member.displayName}: call #${c.seq} ${TITLES[input.action]}${input.reason ? ` — ${input.reason}` : ''}`,
    payload: {
      contributionId: c.id,
      status: c.status,
      documentId: input.documentId ?? null,
      reason: input.reason ?? null,
    },
    actorId: ctx.userId ?? null,
    sourceKey: `decision:${input.decisionId}`,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopContribution',
    entityId: c.id,
    action: input.action.toUpperCase(),
    before,
    after: contributionView(c),
  });
  return c;
}
