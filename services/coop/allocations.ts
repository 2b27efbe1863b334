import { createHash } from 'node:crypto';
import type { Caller } from '../platform/caller.js';
import { recordAudit } from '../../db/audit.js';
import { addCoopEvent } from '../../db/coop-timeline.js';
import {
  CoopAllocation,
  CoopAllocationRun,
  CoopLot,
  CoopMember,
  type ICoopAllocationRun,
  type ICoopProject,
} from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { proposeAllocation, type LedgerFact } from '../../definitions/coop/allocation.js';
import { defaultCutoff } from '../../definitions/coop/rules.js';
import { requireGroup } from './access.js';
import { failures } from '../failures.js';

const fail = failures('coop');

const HELD = ['APPROVED', 'ASSIGNED', 'SIGNED'];

/** The run's stage: PROPOSED, ASSIGNED (approved with its PV), SIGNED (every line signed) or CANCELLED. */
function stageOf(run: ICoopAllocationRun, lines: { status: string }[]) {
  if (run.status !== 'APPROVED') return run.status;
  return lines.length && lines.every((l) => l.status === 'SIGNED') ? 'SIGNED' : 'ASSIGNED';
}

/** A run with one line per member in FIFO order; `onlyMemberId` keeps a member's own line only. */
export async function runView(em: Em, run: ICoopAllocationRun, onlyMemberId?: string | null) {
  const allocations = await em.find(CoopAllocation, { runId: run.id }, { orderBy: { fifoRank: 'asc' } });
  const lots = new Map(
    (await em.find(CoopLot, { projectId: run.projectId })).map((l) => [l.id, l.code] as const),
  );
  const members = new Map(
    (await em.find(CoopMember, { groupId: run.groupId })).map((m) => [m.id, m.displayName] as const),
  );
  const lines = [
    ...allocations.map((a) => ({
      memberId: a.memberId,
      displayName: members.get(a.memberId) ?? null,
      fifoRank: a.fifoRank,
      lotId: a.lotId,
      lotCode: lots.get(a.lotId) ?? null,
      status: a.status,
      reason: a.cancelReason ?? null,
      detail: null as string | null,
      outstandingCents: null as number | null,
    })),
    ...run.skipped.map((s) => ({
      memberId: s.memberId,
      displayName: members.get(s.memberId) ?? null,
      fifoRank: s.fifoRank,
      lotId: null,
      lotCode: null,
      status: 'SKIPPED',
      reason: s.reason,
      detail: s.detail,
      outstandingCents: s.outstanding ?? null,
    })),
  ].sort((a, b) => a.fifoRank - b.fifoRank || (a.memberId < b.memberId ? -1 : 1));
  return {
    id: run.id,
    groupId: run.groupId,
    projectId: run.projectId,
    status: stageOf(run, allocations),
    cutoffAt: run.cutoffAt.toISOString(),
    usePreferences: run.usePreferences,
    inputsDigest: run.inputsDigest,
    pvDocumentId: run.pvDocumentId ?? null,
    decidedAt: run.decidedAt?.toISOString() ?? null,
    decidedBy: run.decidedBy ?? null,
    cancelReason: run.cancelReason ?? null,
    lines: onlyMemberId === undefined ? lines : lines.filter((l) => l.memberId === onlyMemberId),
    version: run.version,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
  };
}

/** Late calls at the cut-off per member (due by then, unpaid then), for the skip reason. */
async function lateCounts(em: Em, groupId: string, cutoff: Date) {
  const rows = await em.execute<{ member_id: string; n: string }[]>(
    `select member_id, count(*) as n from coop_contribution
      where group_id = ? and due_at <= ? and status <> 'WAIVED' and (paid_at is null or paid_at > ?)
      group by member_id`,
    [groupId, cutoff, cutoff],
  );
  return new Map(rows.map((r) => [r.member_id, Number(r.n)] as const));
}

/**
 * Runs the pure FIFO allocation on the project's lots, the group's members and the ledger as it stood
 * at the cut-off: a PROPOSED run (lots untouched, so the same inputs always give the same proposal).
 */
export async function runAllocation(
  em: Em,
  ctx: TenantContext,
  project: ICoopProject,
  input: { cutoffAt?: string; usePreferences?: boolean },
) {
  const g = await requireGroup(em, project.groupId);
  const cutoff = input.cutoffAt ? Date.parse(input.cutoffAt) : defaultCutoff(g.rules, Date.now());
  const cutoffAt = new Date(cutoff);
  const usePreferences = input.usePreferences ?? g.rules.allocation.usePreferences;
  const members = await em.find(CoopMember, { groupId: g.id }, { orderBy: { fifoRank: 'asc' } });
  const lots = await em.find(CoopLot, { projectId: project.id }, { orderBy: { code: 'asc', id: 'asc' } });
  const ledgerRows = await em.execute<
    { member_id: string; amount: string; effective_at: Date; created_at: Date; seq: string }[]
  >(
    `select member_id, amount, effective_at, created_at, seq from coop_ledger_entry
      where group_id = ? and created_at <= ? and effective_at <= ? order by seq`,
    [g.id, cutoffAt, cutoffAt],
  );
  const ledger: LedgerFact[] = ledgerRows.map((r) => ({
    memberId: r.member_id,
    amount: Number(r.amount),
    effectiveAt: new Date(r.effective_at).toISOString(),
    recordedAt: new Date(r.created_at).toISOString(),
  }));
  const held = await em.find(CoopAllocation, { projectId: project.id, status: { $in: HELD } });
  const alreadyAllocated = new Set(held.map((a) => a.memberId));
  const inputs = {
    members: members.map((m) => ({
      id: m.id,
      fifoRank: m.fifoRank,
      status: m.status,
      preferences: m.lotPreferences[project.id] ?? [],
    })),
    lots: lots.map((l) => ({ id: l.id, code: l.code, status: l.status })),
    ledger,
    cutoff,
    usePreferences,
    alreadyAllocated: [...alreadyAllocated].sort(),
  };
  const proposal = proposeAllocation({ ...inputs, alreadyAllocated });
  const late = await lateCounts(em, g.id, cutoffAt);
  const run = em.create(CoopAllocationRun, {
    orgId: ctx.orgId,
    groupId: g.id,
    projectId: project.id,
    status: 'PROPOSED',
    cutoffAt,
    usePreferences,
    inputsDigest: createHash('sha256').update(JSON.stringify(inputs)).digest('hex'),
    skipped: proposal.skipped.map((s) => ({
      ...s,
      detail:
        s.reason === 'NOT_UP_TO_DATE' && late.get(s.memberId)
          ? `${late.get(s.memberId)} contribution(s) late at the cut-off; ${s.detail}`
          : s.detail,
    })),
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  for (const a of proposal.assignments)
    em.create(CoopAllocation, {
      orgId: ctx.orgId,
      runId: run.id,
      groupId: g.id,
      projectId: project.id,
      lotId: a.lotId,
      memberId: a.memberId,
      fifoRank: a.fifoRank,
      status: 'PROPOSED',
      createdBy: ctx.userId ?? null,
    });
  await em.flush();
  const view = await runView(em, run);
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: g.id,
    kind: 'ALLOCATION_PROPOSED',
    title: `Allocation proposed for ${project.name}: ${proposal.assignments.length} lot(s), ${proposal.skipped.length} skipped`,
    payload: { runId: run.id, projectId: project.id, cutoffAt: cutoffAt.toISOString() },
    actorId: ctx.userId ?? null,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopAllocationRun',
    entityId: run.id,
    action: 'CREATE',
    after: view,
  });
  return run;
}

export async function requireRun(em: Em, id: string) {
  const run = await em.findOne(CoopAllocationRun, { id });
  if (!run) throw fail.notFound('Allocation run');
  return run;
}

/** A member sees their group's runs with their own line only; responsibles see everything. */
export function lineFilter(request: Caller, memberId: string | undefined) {
  return request.principal?.permissions.has('COOP_ADMIN') ? undefined : (memberId ?? null);
}
