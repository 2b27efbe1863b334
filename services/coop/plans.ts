import { recordAudit } from '../../db/audit.js';
import { contributionView } from '../../db/coop-contributions.js';
import { planVersionInput, timedLines } from '../../db/coop-plans.js';
import { addCoopEvent } from '../../db/coop-timeline.js';
import {
  CoopContribution,
  CoopMember,
  CoopPlan,
  CoopPlanVersion,
  Document,
  type ICoopGroup,
  type ICoopPlan,
  type ICoopPlanVersion,
} from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { checkPlanVersion, type PlanFormula, type PlanSchedule } from '../../definitions/coop/plan.js';
import { formulaFromRules } from '../../definitions/coop/rules.js';
import { failures } from '../failures.js';

const fail = failures('coop');

export function planVersionView(v: ICoopPlanVersion) {
  return {
    version: v.version,
    effectiveFrom: v.effectiveFrom.toISOString(),
    schedule: v.schedule,
    formula: v.formula,
    reason: v.reason ?? null,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy ?? null,
  };
}

export async function planView(em: Em, p: ICoopPlan) {
  const versions = await em.find(CoopPlanVersion, { planId: p.id }, { orderBy: { version: 'asc' } });
  return {
    id: p.id,
    groupId: p.groupId,
    name: p.name,
    status: p.status,
    currentVersion: versions.at(-1)?.version ?? 0,
    versions: versions.map(planVersionView),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
  };
}

export interface PlanVersionBody {
  effectiveFrom: string;
  schedule: PlanSchedule;
  formula?: Partial<PlanFormula>;
  reason?: string | null;
}

function checked(group: ICoopGroup, body: PlanVersionBody) {
  const formula = formulaFromRules(group.rules, body.formula);
  const errors = checkPlanVersion({ effectiveFrom: body.effectiveFrom, schedule: body.schedule, formula });
  if (errors.length) throw fail.validation(errors);
  return formula;
}

export async function createPlan(
  em: Em,
  ctx: TenantContext,
  group: ICoopGroup,
  body: PlanVersionBody & { name: string },
) {
  const formula = checked(group, body);
  const plan = em.create(CoopPlan, {
    orgId: ctx.orgId,
    groupId: group.id,
    name: body.name,
    status: 'ACTIVE',
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  const v = em.create(CoopPlanVersion, {
    orgId: ctx.orgId,
    planId: plan.id,
    version: 1,
    effectiveFrom: new Date(body.effectiveFrom),
    schedule: body.schedule,
    formula,
    reason: body.reason ?? null,
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: group.id,
    kind: 'PLAN_CREATED',
    title: `Plan ${plan.name} created`,
    payload: { planId: plan.id },
    actorId: ctx.userId ?? null,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopPlan',
    entityId: plan.id,
    action: 'CREATE',
    after: { name: plan.name, ...planVersionView(v) },
  });
  return plan;
}

/**
 * A new version governs due dates from its effectiveFrom on. It may not start before a line already
 * called (the past is never rewritten); running cycles are signalled after the commit.
 */
export async function addPlanVersion(
  em: Em,
  ctx: TenantContext,
  group: ICoopGroup,
  plan: ICoopPlan,
  body: PlanVersionBody,
) {
  const formula = checked(group, body);
  const from = new Date(body.effectiveFrom);
  const [called] = await em.execute<{ last: Date | null }[]>(
    'select max(due_at) as last from coop_contribution where plan_id = ?',
    [plan.id],
  );
  if (called?.last && new Date(called.last) >= from)
    throw fail.validation([
      {
        field: 'effectiveFrom',
        message: `must be after the last due date already called (${new Date(called.last).toISOString()})`,
      },
    ]);
  const [last] = await em.find(
    CoopPlanVersion,
    { planId: plan.id },
    { orderBy: { version: 'desc' }, limit: 1 },
  );
  if (last && last.effectiveFrom >= from)
    throw fail.validation([
      {
        field: 'effectiveFrom',
        message: `must be after version ${last.version}'s (${last.effectiveFrom.toISOString()})`,
      },
    ]);
  const v = em.create(CoopPlanVersion, {
    orgId: ctx.orgId,
    planId: plan.id,
    version: (last?.version ?? 0) + 1,
    effectiveFrom: from,
    schedule: body.schedule,
    formula,
    reason: body.reason ?? null,
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: group.id,
    kind: 'PLAN_VERSION',
    title: `Plan ${plan.name}: version ${v.version} from ${v.effectiveFrom.toISOString().slice(0, 10)}${v.reason ? ` — ${v.reason}` : ''}`,
    payload: { planId: plan.id, version: v.version },
    actorId: ctx.userId ?? null,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopPlan',
    entityId: plan.id,
    action: 'NEW_VERSION',
    after: planVersionView(v),
  });
  return v;
}

/** Members whose cycle runs (or should) on a plan: ACTIVE and SUSPENDED ones. */
export async function cycleMembers(em: Em, groupId: string) {
  return em.find(
    CoopMember,
    { groupId, status: { $in: ['ACTIVE', 'SUSPENDED'] } },
    { orderBy: { fifoRank: 'asc' } },
  );
}

/**
 * A member's schedule (échéancier) on a plan: every due line — called ones from the ledger-backed
 * contribution rows (amount, status, penalties, proof), later ones projected from the plan (SCHEDULED).
 */
export async function memberSchedule(em: Em, planId: string, memberId: string) {
  const versions = (await em.find(CoopPlanVersion, { planId }, { orderBy: { version: 'asc' } })).map(
    planVersionInput,
  );
  const rows = await em.find(CoopContribution, { planId, memberId });
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const proofs = rows.map((r) => r.proofDocumentId).filter((id): id is string => !!id);
  const docs = new Map(
    (proofs.length ? await em.find(Document, { id: { $in: proofs } }) : []).map((d) => [d.id, d]),
  );
  return timedLines(versions).map((l) => {
    const row = bySeq.get(l.seq);
    if (!row)
      return {
        seq: l.seq,
        dueAt: l.dueAt,
        amountDue: l.amount,
        planVersion: l.planVersion,
        status: 'SCHEDULED' as const,
        contribution: null,
        proof: null,
      };
    const doc = row.proofDocumentId ? docs.get(row.proofDocumentId) : undefined;
    return {
      seq: row.seq,
      dueAt: row.dueAt.toISOString(),
      amountDue: row.amountDue,
      planVersion: row.planVersion,
      status: row.status,
      contribution: contributionView(row),
      proof: doc
        ? { documentId: doc.id, fileName: doc.fileName, mimeType: doc.mimeType, sha256: doc.sha256 }
        : null,
    };
  });
}
