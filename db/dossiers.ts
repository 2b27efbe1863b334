import { LockMode } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { checkTransition, type Language } from '../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../definitions/workflow-definition.schema.js';
import { recordAudit, snapshot } from './audit.js';
import { notifyEvent } from './notify.js';
import { loadGuardFacts } from './facts.js';
import { recomputeDossierScore } from './scoring.js';
import { Dossier, DossierStatusHistory, TimelineEvent } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';
import { dossierView } from './dossier-view.js';
import type { DossierView } from '../definitions/dossier-view.js';

/** The dossier as the API returns it (and as guards read it: `facts.dossier`). */

export interface Actor {
  userId: string | null;
  type: 'USER' | 'SYSTEM';
}

export interface TransitionWrite {
  orgId: string;
  dossierId: string;
  from: string;
  to: string;
  /** Terminal states close the dossier; reopening clears the close fields. */
  terminal: boolean;
  reasonCode?: string | null;
  comment?: string | null;
  actor: Actor;
  updateId: string;
  definitionVersion: number;
  correlationId?: string | null;
  at: string;
  /**
   * When the transition has a guard or required fields: facts are loaded and the guard evaluated in
   * the same transaction as the write, so nothing can change between the check and the move.
   */
  check?: {
    definition: WorkflowDefinitionBody;
    user: { id: string; roles: string[]; permissions: string[] };
    lang: Language;
  };
}

export class DossierStateConflict extends Error {
  override name = 'DossierStateConflict';
}

/** The guard (or a required field) refused the move; `reason` is the manager's message. */
export class TransitionBlocked extends Error {
  override name = 'TransitionBlocked';
  constructor(
    readonly reasonCode: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Persists one transition: status, status history, timeline and audit in one transaction. Keyed by
 * the workflow update id, so a retried activity returns the first result instead of moving twice.
 */
export async function writeTransition(em: Em, ctx: TenantContext, w: TransitionWrite): Promise<DossierView> {
  const existing = await em.findOne(DossierStatusHistory, { updateId: w.updateId });
  const dossier = await em.findOne(Dossier, { id: w.dossierId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!dossier) throw new DossierStateConflict(`Dossier ${w.dossierId} does not exist.`);
  if (existing) return dossierView(dossier);
  if (dossier.statusCode !== w.from) {
    throw new DossierStateConflict(`Dossier is in ${dossier.statusCode}, not ${w.from}.`);
  }
  if (w.check) {
    const facts = await loadGuardFacts(em, dossier.id, w.check.user, new Date(w.at));
    const verdict = checkTransition(w.check.definition, w.from, w.to, facts, w.check.user, w.check.lang);
    if (!verdict.allowed)
      throw new TransitionBlocked(verdict.reasonCode ?? 'GUARD', verdict.reason ?? 'Transition refused.');
  }
  const before = snapshot(dossierView(dossier));
  const at = new Date(w.at);
  dossier.statusCode = w.to;
  dossier.statusChangedAt = at;
  if (w.terminal) {
    dossier.closedAt = at;
    dossier.closeReasonCode = w.reasonCode ?? null;
    dossier.closeComment = w.comment ?? null;
  } else if (dossier.closedAt) {
    dossier.closedAt = null;
    dossier.closeReasonCode = null;
    dossier.closeComment = null;
  }
  em.create(DossierStatusHistory, {
    id: randomUUID(),
    orgId: w.orgId,
    dossierId: w.dossierId,
    fromStatus: w.from,
    toStatus: w.to,
    actorId: w.actor.userId,
    actorType: w.actor.type,
    at,
    reasonCode: w.reasonCode ?? null,
    comment: w.comment ?? null,
    definitionVersion: w.definitionVersion,
    updateId: w.updateId,
  });
  em.create(TimelineEvent, {
    id: randomUUID(),
    orgId: w.orgId,
    dossierId: w.dossierId,
    contactId: dossier.contactId ?? null,
    kind: 'STATUS_CHANGE',
    authorId: w.actor.userId,
    title: `${w.from} → ${w.to}`,
    body: w.comment ?? null,
    payload: { from: w.from, to: w.to, reasonCode: w.reasonCode ?? null, actorType: w.actor.type },
    occurredAt: at,
    sourceKey: `transition:${w.updateId}`,
  });
  await em.flush();
  // The new status (and days in state) are facts the score reads.
  await recomputeDossierScore(em, w.orgId, dossier.id, at);
  const after = dossierView(dossier);
  await recordAudit(
    em,
    { ...ctx, userId: w.actor.userId ?? undefined, correlationId: w.correlationId ?? ctx.correlationId },
    {
      entityType: 'Dossier',
      entityId: dossier.id,
      action: 'TRANSITION',
      before,
      after: { ...after, reasonCode: w.reasonCode ?? null, comment: w.comment ?? null },
      actorType: w.actor.type,
    },
  );
  await notifyEvent(em, ctx, 'STATUS_CHANGED', {
    dossierId: dossier.id,
    previousStatus: w.from,
    key: `transition:${w.updateId}`,
  });
  return after;
}
