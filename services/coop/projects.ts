import { recordAudit } from '../../db/audit.js';
import { addCoopEvent } from '../../db/coop-timeline.js';
import {
  CoopLot,
  CoopProject,
  type ICoopGroup,
  type ICoopLot,
  type ICoopProject,
  type Milestone,
} from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { failures } from '../failures.js';

const fail = failures('coop');

export interface MilestoneInput {
  code: string;
  label: string;
  dueDate?: string | null;
  doneAt?: string | null;
}
export interface ProjectInput {
  name: string;
  statusCode?: string;
  budgetTotalCents?: number | null;
  milestones?: MilestoneInput[];
}
export interface LotInput {
  code: string;
  type: string;
  surfaceM2: number;
  floor?: number | null;
  referencePriceCents?: number | null;
}

const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : null);
const toMilestones = (items: MilestoneInput[]): Milestone[] =>
  items.map((m) => ({ code: m.code, label: m.label, plannedAt: iso(m.dueDate), reachedAt: iso(m.doneAt) }));

export function projectView(p: ICoopProject) {
  return {
    id: p.id,
    groupId: p.groupId,
    name: p.name,
    statusCode: p.statusCode,
    budgetTotalCents: p.budgetTotal ?? null,
    milestones: p.milestones.map((m) => ({
      code: m.code,
      label: m.label,
      dueDate: m.plannedAt,
      doneAt: m.reachedAt,
    })),
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function lotView(l: ICoopLot) {
  return {
    id: l.id,
    projectId: l.projectId,
    groupId: l.groupId,
    code: l.code,
    type: l.type,
    surfaceM2: Number(l.surface),
    floor: l.floor ?? null,
    referencePriceCents: l.referencePrice ?? null,
    status: l.status,
    version: l.version,
    createdAt: l.createdAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

export async function requireProject(em: Em, id: string): Promise<ICoopProject> {
  const p = await em.findOne(CoopProject, { id });
  if (!p) throw fail.notFound('Project');
  return p;
}

function checkMilestones(items: MilestoneInput[] | undefined) {
  const seen = new Set<string>();
  items?.forEach((m, i) => {
    if (seen.has(m.code))
      throw fail.validation([{ field: `milestones.${i}.code`, message: 'must be unique' }]);
    seen.add(m.code);
  });
}

export async function createProject(em: Em, ctx: TenantContext, g: ICoopGroup, input: ProjectInput) {
  checkMilestones(input.milestones);
  const p = em.create(CoopProject, {
    orgId: ctx.orgId,
    groupId: g.id,
    name: input.name,
    statusCode: input.statusCode ?? 'LAND_SECURED',
    budgetTotal: input.budgetTotalCents ?? null,
    milestones: toMilestones(input.milestones ?? []),
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: g.id,
    kind: 'PROJECT_CREATED',
    title: `Project ${p.name} created`,
    payload: { projectId: p.id },
    actorId: ctx.userId ?? null,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopProject',
    entityId: p.id,
    action: 'CREATE',
    after: projectView(p),
  });
  return p;
}

export async function updateProject(
  em: Em,
  ctx: TenantContext,
  p: ICoopProject,
  input: Partial<ProjectInput> & { version: number },
) {
  if (p.version !== input.version) throw fail.staleVersion('The project');
  checkMilestones(input.milestones);
  const before = projectView(p);
  if (input.name !== undefined) p.name = input.name;
  if (input.statusCode !== undefined) p.statusCode = input.statusCode;
  if (input.budgetTotalCents !== undefined) p.budgetTotal = input.budgetTotalCents;
  const reached: Milestone[] = [];
  if (input.milestones !== undefined) {
    const next = toMilestones(input.milestones);
    for (const m of next)
      if (m.reachedAt && !p.milestones.find((o) => o.code === m.code)?.reachedAt) reached.push(m);
    p.milestones = next;
  }
  await em.flush();
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: p.groupId,
    kind: reached.length ? 'MILESTONE_REACHED' : 'PROJECT_UPDATED',
    title: reached.length
      ? `Milestone reached: ${reached.map((m) => m.label).join(', ')}`
      : `Project ${p.name} updated`,
    payload: { projectId: p.id },
    actorId: ctx.userId ?? null,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopProject',
    entityId: p.id,
    action: 'UPDATE',
    before,
    after: projectView(p),
  });
  return { project: p, reached };
}

export async function createLot(em: Em, ctx: TenantContext, p: ICoopProject, input: LotInput) {
  if (await em.count(CoopLot, { projectId: p.id, code: input.code }))
    throw fail.conflict(`A lot with code ${input.code} already exists in this project.`);
  const l = em.create(CoopLot, {
    orgId: ctx.orgId,
    projectId: p.id,
    groupId: p.groupId,
    code: input.code,
    type: input.type,
    surface: input.surfaceM2,
    floor: input.floor ?? null,
    referencePrice: input.referencePriceCents ?? null,
    status: 'AVAILABLE',
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  await recordAudit(em, ctx, { entityType: 'CoopLot', entityId: l.id, action: 'CREATE', after: lotView(l) });
  return l;
}

/** Only forward moves by hand: ASSIGNED → DELIVERED; AVAILABLE/RESERVED/ASSIGNED come from allocations. */
const LOT_MOVES: Record<string, string[]> = { ASSIGNED: ['DELIVERED'] };

export async function updateLot(
  em: Em,
  ctx: TenantContext,
  l: ICoopLot,
  input: Partial<LotInput> & { version: number; status?: string },
) {
  if (l.version !== input.version) throw fail.staleVersion('The lot');
  const before = lotView(l);
  if (input.status !== undefined && input.status !== l.status) {
    if (!LOT_MOVES[l.status]?.includes(input.status))
      throw fail.rejected(
        'INVALID_LOT_STATUS',
        `A lot goes ${l.status} → ${input.status} only through an allocation.`,
      );
    l.status = input.status;
  }
  if (input.code !== undefined && input.code !== l.code) {
    if (await em.count(CoopLot, { projectId: l.projectId, code: input.code }))
      throw fail.conflict(`A lot with code ${input.code} already exists in this project.`);
    l.code = input.code;
  }
  if (input.type !== undefined) l.type = input.type;
  if (input.surfaceM2 !== undefined) l.surface = input.surfaceM2;
  if (input.floor !== undefined) l.floor = input.floor;
  if (input.referencePriceCents !== undefined) l.referencePrice = input.referencePriceCents;
  await em.flush();
  await recordAudit(em, ctx, {
    entityType: 'CoopLot',
    entityId: l.id,
    action: 'UPDATE',
    before,
    after: lotView(l),
  });
  return l;
}
