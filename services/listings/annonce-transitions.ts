import { LockMode } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ANNONCE_CASE_TYPE } from '../../definitions/annonce.js';
import type { GuardFacts } from '../../definitions/guard-facts.schema.js';
import {
  checkTransition,
  evaluateTransitions,
  initialState,
  type Language,
} from '../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { annonceView, type AnnonceView } from '../../db/annonces.js';
import { recordAudit, snapshot } from '../../db/audit.js';
import { latestPublishedOrBuiltIn } from '../../db/definitions.js';
import {
  Annonce,
  AnnonceStatusHistory,
  type IAnnonce,
  type IWorkflowDefinition,
} from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { DomainError, type DomainErrorKind } from '../domain-error.js';
import type { AnnonceErrorCode } from './error-codes.js';

/**
 * The published ANNONCE definition listings move on: the latest version. An organisation created
 * before listings existed gets the built-in template as version 1 the first time it needs one.
 */
export async function annonceDefinition(em: Em, ctx: TenantContext): Promise<IWorkflowDefinition> {
  return (await latestPublishedOrBuiltIn(em, ctx, ANNONCE_CASE_TYPE))!;
}

export function annonceInitialStatus(def: IWorkflowDefinition): string {
  return initialState(def.body as unknown as WorkflowDefinitionBody)?.code ?? 'AVAILABLE';
}

export interface FactsUser {
  id: string;
  roles: readonly string[];
  permissions: readonly string[];
}

/** What ANNONCE guards read (guard-facts.schema `annonce`, plus user, now and daysInState). */
export function annonceFacts(a: IAnnonce, user: FactsUser, now: Date): Partial<GuardFacts> {
  const v = annonceView(a);
  return {
    annonce: {
      id: v.id,
      reference: v.reference,
      statusCode: v.statusCode,
      transaction: v.transaction,
      propertyType: v.propertyType,
      priceCents: v.priceCents,
      chargesCents: v.chargesCents,
      surface: v.surface,
      rooms: v.rooms,
      bedrooms: v.bedrooms,
      floor: v.floor,
      city: v.city,
      postalCode: v.postalCode,
      zoneCode: v.zoneCode,
      features: v.features,
      energyClass: v.energyClass,
      hasGeo: v.lat !== null,
    },
    user: { id: user.id, roles: [...user.roles], permissions: [...user.permissions] },
    daysInState: Math.max(0, Math.round((now.getTime() - a.statusChangedAt.getTime()) / 86_400) / 1000),
    now: now.toISOString(),
  };
}

export async function allowedAnnonceTransitions(
  em: Em,
  ctx: TenantContext,
  a: IAnnonce,
  user: FactsUser,
  lang: Language,
) {
  const def = await annonceDefinition(em, ctx);
  const body = def.body as unknown as WorkflowDefinitionBody;
  return evaluateTransitions(body, a.statusCode, annonceFacts(a, user, new Date()), user, lang);
}

export type { AnnonceErrorCode };

function refused(
  kind: DomainErrorKind,
  code: AnnonceErrorCode,
  detail: string,
  params: Record<string, unknown> = {},
) {
  return new DomainError<AnnonceErrorCode>('listings', kind, code, detail, params);
}

/**
 * Moves a listing through the latest ANNONCE definition, synchronously: the same pure checkTransition
 * as dossiers (permission, roles, required fields, guard), then status, history, audit in the caller's
 * transaction under a row lock (racing moves serialise; the loser sees the new status → 409).
 * State timers are never run for listings (the validator refuses them; a hand-stored one is ignored).
 */
export async function transitionAnnonce(
  em: Em,
  ctx: TenantContext,
  user: FactsUser,
  id: string,
  move: { to: string; comment?: string | null; version?: number; expectedFrom?: string },
  lang: Language,
): Promise<AnnonceView | null> {
  const a = await em.findOne(Annonce, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!a) return null;
  if (move.version !== undefined && move.version !== a.version)
    throw refused('conflict', 'STALE_VERSION', 'This listing was changed by someone else.');
  if (move.expectedFrom !== undefined && move.expectedFrom !== a.statusCode)
    throw refused('conflict', 'STALE_STATE', `The listing is in ${a.statusCode} now.`, {
      status: a.statusCode,
    });
  const def = await annonceDefinition(em, ctx);
  const body = def.body as unknown as WorkflowDefinitionBody;
  const now = new Date();
  const verdict = checkTransition(body, a.statusCode, move.to, annonceFacts(a, user, now), user, lang);
  if (!verdict.allowed) {
    const code = verdict.reasonCode;
    const detail = verdict.reason ?? 'Transition refused.';
    if (code === 'PERMISSION' || code === 'ROLE') throw refused('forbidden', 'TRANSITION_FORBIDDEN', detail);
    throw refused('invalid', code === 'UNKNOWN_TRANSITION' ? 'ILLEGAL_TRANSITION' : 'GUARD_BLOCKED', detail);
  }
  const before = snapshot(annonceView(a));
  const from = a.statusCode;
  a.statusCode = move.to;
  a.statusChangedAt = now;
  a.definitionId = def.id;
  a.definitionVersion = def.version;
  em.create(AnnonceStatusHistory, {
    id: randomUUID(),
    orgId: ctx.orgId,
    annonceId: a.id,
    fromStatus: from,
    toStatus: move.to,
    actorId: user.id,
    at: now,
    comment: move.comment ?? null,
    definitionVersion: def.version,
  });
  await em.flush();
  const after = annonceView(a);
  await recordAudit(em, ctx, {
    entityType: 'Annonce',
    entityId: a.id,
    action: 'TRANSITION',
    before,
    after: { ...after, comment: move.comment ?? null },
  });
  return after;
}
