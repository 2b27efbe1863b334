import type { Caller } from '../platform/caller.js';
import { recordAudit } from '../../db/audit.js';
import { addCoopEvent } from '../../db/coop-timeline.js';
import { latestPublishedOrBuiltIn } from '../../db/definitions.js';
import { CoopGroup, WorkflowDefinition, type ICoopGroup } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { COOP_GROUP_CASE_TYPE } from '../../definitions/coop/group-status.js';
import { checkPlanVersion } from '../../definitions/coop/plan.js';
import { DEFAULT_GROUP_RULES, type CoopGroupRules } from '../../definitions/coop/rules.js';
import {
  checkTransition,
  evaluateTransitions,
  initialState,
  type Language,
} from '../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { failures } from '../failures.js';
import type { DomainFieldError } from '../domain-error.js';

const fail = failures('coop');

export function groupView(g: ICoopGroup) {
  return {
    id: g.id,
    name: g.name,
    city: g.city,
    description: g.description ?? null,
    statusCode: g.statusCode,
    definitionVersion: g.definitionVersion,
    rules: g.rules,
    version: g.version,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

/** Durations of the rules are ISO 8601 and must parse (the same check as a plan formula). */
export function checkRules(rules: CoopGroupRules): DomainFieldError[] {
  return checkPlanVersion({
    effectiveFrom: new Date(0).toISOString(),
    schedule: { kind: 'EXPLICIT', items: [] },
    formula: rules,
  }).map((e) => ({ field: `rules.${e.field.replace(/^formula\./, '')}`, message: e.message }));
}

/** The latest published COOP_GROUP definition; the built-in one is published if the tenant has none. */
export async function groupDefinition(em: Em, ctx: TenantContext, version?: number) {
  const def = version
    ? await em.findOne(WorkflowDefinition, { caseType: COOP_GROUP_CASE_TYPE, version })
    : await latestPublishedOrBuiltIn(em, ctx, COOP_GROUP_CASE_TYPE);
  if (!def) throw fail.notFound('COOP_GROUP workflow definition');
  return { version: def.version, body: def.body as unknown as WorkflowDefinitionBody };
}

export async function createGroup(
  em: Em,
  ctx: TenantContext,
  input: { name: string; city: string; description?: string | null; rules?: Partial<CoopGroupRules> },
) {
  const rules: CoopGroupRules = {
    ...DEFAULT_GROUP_RULES,
    ...input.rules,
    allocation: { ...DEFAULT_GROUP_RULES.allocation, ...input.rules?.allocation },
  };
  const errors = checkRules(rules);
  if (errors.length) throw fail.validation(errors);
  const def = await groupDefinition(em, ctx);
  const g = em.create(CoopGroup, {
    orgId: ctx.orgId,
    name: input.name,
    city: input.city,
    description: input.description ?? null,
    statusCode: initialState(def.body)!.code,
    definitionVersion: def.version,
    rules,
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: g.id,
    kind: 'GROUP_CREATED',
    title: `Group ${g.name} created (${g.statusCode})`,
    actorId: ctx.userId ?? null,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopGroup',
    entityId: g.id,
    action: 'CREATE',
    after: groupView(g),
  });
  return g;
}

export async function updateGroup(
  em: Em,
  ctx: TenantContext,
  g: ICoopGroup,
  input: {
    version: number;
    name?: string;
    city?: string;
    description?: string | null;
    rules?: CoopGroupRules;
  },
) {
  if (g.version !== input.version) throw fail.staleVersion('The group');
  const before = groupView(g);
  if (input.rules) {
    const errors = checkRules(input.rules);
    if (errors.length) throw fail.validation(errors);
    g.rules = input.rules;
  }
  if (input.name !== undefined) g.name = input.name;
  if (input.city !== undefined) g.city = input.city;
  if (input.description !== undefined) g.description = input.description;
  await em.flush();
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: g.id,
    kind: input.rules ? 'RULES_CHANGED' : 'GROUP_UPDATED',
    title: input.rules ? 'Group rules changed' : 'Group details changed',
    payload: { before: before.rules, after: g.rules },
    actorId: ctx.userId ?? null,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopGroup',
    entityId: g.id,
    action: 'UPDATE',
    before,
    after: groupView(g),
  });
  return g;
}

function transitionUser(request: Caller) {
  return { roles: request.principal!.roles, permissions: [...request.principal!.permissions] };
}

function langOf(request: Caller): Language {
  return String(request.headers?.['accept-language'] ?? '').startsWith('en') ? 'en' : 'fr';
}

export async function allowedGroupTransitions(em: Em, request: Caller, g: ICoopGroup) {
  const def = await groupDefinition(em, request.tenant(), g.definitionVersion);
  return evaluateTransitions(
    def.body,
    g.statusCode,
    { coopGroup: groupView(g) },
    transitionUser(request),
    langOf(request),
  );
}

/**
 * Moves a group's status through its pinned COOP_GROUP definition, synchronously in the request's
 * transaction (engine's checkTransition; optimistic lock on the group), with timeline and audit.
 */
export async function transitionGroup(
  em: Em,
  request: Caller,
  g: ICoopGroup,
  input: { to: string; version: number; comment?: string | null },
) {
  if (g.version !== input.version) throw fail.staleVersion('The group');
  const def = await groupDefinition(em, request.tenant(), g.definitionVersion);
  const check = checkTransition(
    def.body,
    g.statusCode,
    input.to,
    { coopGroup: groupView(g) },
    transitionUser(request),
    langOf(request),
  );
  if (!check.allowed) {
    if (check.reasonCode === 'PERMISSION' || check.reasonCode === 'ROLE')
      throw fail.forbidden(check.reason ?? 'Forbidden');
    throw fail.rejected('TRANSITION_BLOCKED', check.reason ?? 'Not allowed', {
      extra: { reasonCode: check.reasonCode },
    });
  }
  const before = groupView(g);
  const from = g.statusCode;
  g.statusCode = input.to;
  await em.flush();
  const ctx = { ...request.tenant(), userId: request.principal!.userId };
  await addCoopEvent(em, {
    orgId: ctx.orgId,
    groupId: g.id,
    kind: 'STATUS_CHANGED',
    title: `Status ${from} → ${input.to}${input.comment ? ` — ${input.comment}` : ''}`,
    payload: { from, to: input.to, comment: input.comment ?? null },
    actorId: ctx.userId,
  });
  await recordAudit(em, ctx, {
    entityType: 'CoopGroup',
    entityId: g.id,
    action: 'TRANSITION',
    before,
    after: groupView(g),
  });
  return g;
}
