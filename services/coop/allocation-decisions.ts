import { DeadlockException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordAudit } from '../../db/audit.js';
import { addCoopEvent } from '../../db/coop-timeline.js';
import { CoopAllocation, CoopLot, Document, type ICoopAllocationRun } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { runView } from './allocations.js';
import { failures } from '../failures.js';

const fail = failures('coop');

const HELD = ['APPROVED', 'ASSIGNED', 'SIGNED'];

const lotTaken = () =>
  fail.conflict(
    'A lot of this run (or one of its members) is already held by another allocation; run a new allocation.',
  );

/** Flushes, turning a lost race on a lot (unique index, row version, deadlock) into 409. */
async function flushOrConflict(em: Em) {
  try {
    await em.flush();
  } catch (err) {
    if (
      err instanceof UniqueConstraintViolationException ||
      err instanceof OptimisticLockError ||
      err instanceof DeadlockException
    )
      throw lotTaken();
    throw err;
  }
}

async function audited(
  em: Em,
  ctx: TenantContext,
  run: ICoopAllocationRun,
  action: string,
  title: string,
  before: Awaited<ReturnType<typeof runView>>,
) {
  const after = await runView(em, run);
  for (const line of after.lines.filter((l) => l.lotId))
    await addCoopEvent(em, {
      orgId: ctx.orgId,
      groupId: run.groupId,
      memberId: line.memberId,
      kind: `ALLOCATION_${action}`,
      title: `${title}: lot ${line.lotCode} for ${line.displayName ?? line.memberId}`,
      payload: { runId: run.id, lotId: line.lotId },
      actorId: ctx.userId ?? null,
    });
  await recordAudit(em, ctx, {
    entityType: 'CoopAllocationRun',
    entityId: run.id,
    action,
    before,
    after,
  });
  return after;
}

/**
 * Approves a PROPOSED run with its PV (a PV document of the run or the group, else 422): every line
 * becomes ASSIGNED and its lot AVAILABLE → ASSIGNED. The partial unique indexes hold a lot (and a
 * member's place in the project) once: of two approvals racing for one lot, one wins, the other is 409.
 */
export async function approveRun(em: Em, ctx: TenantContext, run: ICoopAllocationRun, pvDocumentId: string) {
  if (run.status !== 'PROPOSED')
    throw fail.conflict(`The run is ${run.status}; only a PROPOSED run can be approved.`);
  const pv = await em.findOne(Document, {
    id: pvDocumentId,
    kind: 'PV',
    $or: [
      { ownerType: 'COOP_ALLOCATION_RUN', ownerId: run.id },
      { ownerType: 'COOP_GROUP', ownerId: run.groupId },
    ],
  });
  if (!pv)
    throw fail.rejected(
      'PV_REQUIRED',
      'Approval needs the minutes: a document of kind PV uploaded for this run or its group.',
      { fieldErrors: [{ field: 'pvDocumentId', message: 'no PV document of this run or group' }] },
    );
  const before = await runView(em, run);
  const now = new Date();
  const lines = await em.find(CoopAllocation, { runId: run.id }, { orderBy: { lotId: 'asc' } });
  const lots = await em.find(CoopLot, { id: { $in: lines.map((l) => l.lotId) } }, { orderBy: { id: 'asc' } });
  const busy = lots.filter((l) => l.status !== 'AVAILABLE').map((l) => l.code);
  if (busy.length)
    throw fail.conflict(`Lot(s) ${busy.join(', ')} are no longer available; run a new allocation.`);
  for (const a of lines) Object.assign(a, { status: 'ASSIGNED', approvedAt: now, assignedAt: now });
  // The allocations first (the unique indexes decide the race), then the lots, in id order.
  await flushOrConflict(em);
  for (const l of lots) l.status = 'ASSIGNED';
  await flushOrConflict(em);
  Object.assign(run, {
    status: 'APPROVED',
    pvDocumentId: pv.id,
    decidedAt: now,
    decidedBy: ctx.userId ?? null,
  });
  await flushOrConflict(em);
  return audited(em, ctx, run, 'APPROVE', 'Allocation approved', before);
}

/** The assignment is signed: every ASSIGNED line becomes SIGNED (the run reads SIGNED). */
export async function signRun(em: Em, ctx: TenantContext, run: ICoopAllocationRun) {
  const lines = await em.find(CoopAllocation, { runId: run.id });
  if (run.status !== 'APPROVED' || !lines.some((l) => l.status === 'ASSIGNED'))
    throw fail.conflict('Only an approved, not yet signed run can be signed.');
  const before = await runView(em, run);
  const now = new Date();
  for (const a of lines.filter((l) => l.status === 'ASSIGNED'))
    Object.assign(a, { status: 'SIGNED', signedAt: now });
  await flushOrConflict(em);
  return audited(em, ctx, run, 'SIGN', 'Allocation signed', before);
}

/** Cancels a run: its lines CANCELLED, the lots they held back to AVAILABLE. */
export async function cancelRun(em: Em, ctx: TenantContext, run: ICoopAllocationRun, reason: string) {
  if (run.status === 'CANCELLED') throw fail.conflict('The run is already cancelled.');
  const before = await runView(em, run);
  const now = new Date();
  const lines = await em.find(CoopAllocation, { runId: run.id });
  const heldLots = lines.filter((l) => HELD.includes(l.status)).map((l) => l.lotId);
  for (const a of lines) Object.assign(a, { status: 'CANCELLED', cancelledAt: now, cancelReason: reason });
  await flushOrConflict(em);
  if (heldLots.length) {
    const lots = await em.find(CoopLot, { id: { $in: heldLots }, status: { $in: ['RESERVED', 'ASSIGNED'] } });
    for (const l of lots) l.status = 'AVAILABLE';
  }
  Object.assign(run, {
    status: 'CANCELLED',
    cancelReason: reason,
    decidedAt: now,
    decidedBy: ctx.userId ?? null,
  });
  await flushOrConflict(em);
  return audited(em, ctx, run, 'CANCEL', `Allocation cancelled (${reason})`, before);
}
