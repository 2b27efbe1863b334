import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { addTimelineEvent } from '../../db/activities.js';
import { annonceView } from '../../db/annonces.js';
import { recordAudit } from '../../db/audit.js';
import { dossierView } from '../../db/dossier-view.js';
import {
  Annonce,
  Dossier,
  ShortlistEntry,
  ShortlistEvent,
  type IDossier,
  type IShortlistEntry,
} from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { recomputeDossierScore } from '../../db/scoring.js';
import { criteriaOfDossier } from '../../definitions/matching-criteria.js';
import { scoreAnnonce, type MatchLanguage } from '../../definitions/matching.js';
import { canMoveShortlist, shortlistNext, type ShortlistStatus } from '../../definitions/shortlist.js';
import { explanationOf, matchable, matchingSettings, matchLabels } from './matching.js';
import { failures } from '../failures.js';

const fail = failures('listings');

export async function shortlistView(em: Em, entries: IShortlistEntry[]) {
  if (!entries.length) return [];
  const ids = entries.map((e) => e.id);
  // In turn: one transaction's queries share its connection, and a failing first one would end the
  // transaction under the second (issue 15).
  const annonces = await em.find(Annonce, { id: { $in: entries.map((e) => e.annonceId) } });
  const events = await em.find(
    ShortlistEvent,
    { entryId: { $in: ids } },
    { orderBy: { at: 'asc', id: 'asc' } },
  );
  return entries.map((e) => {
    const a = annonces.find((x) => x.id === e.annonceId);
    return {
      id: e.id,
      dossierId: e.dossierId,
      annonceId: e.annonceId,
      status: e.status as ShortlistStatus,
      next: shortlistNext(e.status as ShortlistStatus),
      statusChangedAt: e.statusChangedAt.toISOString(),
      statusChangedBy: e.statusChangedBy ?? null,
      score: e.score ?? null,
      explanation: e.explanation,
      comment: e.comment ?? null,
      version: e.version,
      createdAt: e.createdAt.toISOString(),
      createdBy: e.createdBy ?? null,
      annonce: a ? annonceView(a) : null,
      history: events
        .filter((h) => h.entryId === e.id)
        .map((h) => ({
          from: h.fromStatus ?? null,
          to: h.toStatus,
          actorId: h.actorId ?? null,
          at: h.at.toISOString(),
          comment: h.comment ?? null,
        })),
    };
  });
}

async function loadDossier(em: Em, id: string) {
  const d = await em.findOne(Dossier, { id });
  if (!d) throw fail.notFound('Dossier');
  return d;
}

/** One status step: entry, history row, timeline event and audit in the caller's transaction. */
function record(
  em: Em,
  ctx: TenantContext,
  dossier: IDossier,
  e: IShortlistEntry,
  from: ShortlistStatus | null,
  to: ShortlistStatus,
  reference: string,
  comment: string | null,
  at: Date,
) {
  em.create(ShortlistEvent, {
    id: randomUUID(),
    orgId: ctx.orgId,
    entryId: e.id,
    dossierId: dossier.id,
    fromStatus: from,
    toStatus: to,
    actorId: ctx.userId ?? null,
    at,
    comment,
  });
  addTimelineEvent(em, {
    orgId: ctx.orgId,
    dossierId: dossier.id,
    contactId: dossier.contactId ?? null,
    kind: 'SHORTLIST',
    channel: null,
    direction: null,
    authorId: ctx.userId ?? null,
    title: from ? `Listing ${reference}: ${from} → ${to}` : `Listing ${reference} shortlisted`,
    body: comment,
    payload: { entryId: e.id, annonceId: e.annonceId, reference, from, to, status: to },
    occurredAt: at,
    sourceKey: `shortlist:${e.id}:${randomUUID()}`,
  });
}

async function audit(
  em: Em,
  ctx: TenantContext,
  dossierId: string,
  action: string,
  after: Record<string, unknown>,
  before?: Record<string, unknown>,
) {
  // Written under the dossier's id so the dossier's own audit trail shows its shortlist.
  await recordAudit(em, ctx, { entityType: 'DossierShortlist', entityId: dossierId, action, before, after });
}

/** Adds a listing to the shortlist with the score and explanation it has now (snapshotted). 201 / 409. */
export async function addToShortlist(
  em: Em,
  ctx: TenantContext,
  dossierId: string,
  body: { annonceId: string; comment?: string | null },
  lang: MatchLanguage,
) {
  const dossier = await loadDossier(em, dossierId);
  const annonce = await em.findOne(Annonce, { id: body.annonceId });
  if (!annonce)
    throw fail.rejected('VALIDATION_ERROR', 'See errors for each field.', {
      fieldErrors: [
        { field: 'annonceId', message: 'no such listing in this organisation', code: 'UNKNOWN_LISTING' },
      ],
    });
  if (await em.count(ShortlistEntry, { dossierId, annonceId: annonce.id }))
    throw fail.conflict(`Listing ${annonce.reference} is already on this dossier's shortlist.`);
  const r = scoreAnnonce(
    criteriaOfDossier(dossierView(dossier)),
    matchable(annonce),
    await matchingSettings(em, ctx.orgId),
    lang,
    await matchLabels(em, lang),
  );
  const now = new Date();
  const e = em.create(ShortlistEntry, {
    id: randomUUID(),
    orgId: ctx.orgId,
    dossierId,
    annonceId: annonce.id,
    status: 'SHORTLISTED',
    statusChangedAt: now,
    statusChangedBy: ctx.userId ?? null,
    score: r.score,
    explanation: explanationOf(r),
    comment: body.comment ?? null,
    createdBy: ctx.userId ?? null,
    createdAt: now,
    updatedAt: now,
  });
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException)
      throw fail.conflict(`Listing ${annonce.reference} is already on this dossier's shortlist.`);
    throw err;
  }
  record(em, ctx, dossier, e, null, 'SHORTLISTED', annonce.reference, body.comment ?? null, now);
  await em.flush();
  const [view] = await shortlistView(em, [e]);
  await audit(em, ctx, dossierId, 'SHORTLIST_ADD', {
    entryId: e.id,
    annonceId: annonce.id,
    score: r.score,
    status: 'SHORTLISTED',
  });
  await recomputeDossierScore(em, ctx.orgId, dossierId, now);
  return view!;
}

/**
 * Moves an entry (SHORTLISTED → PROPOSED → VISITED → SELECTED | REJECTED); with `rejectOthers` a
 * SELECTED entry rejects every other open entry of the dossier in the same transaction.
 */
export async function moveShortlistEntry(
  em: Em,
  ctx: TenantContext,
  dossierId: string,
  entryId: string,
  body: { status: ShortlistStatus; version?: number; comment?: string | null; rejectOthers?: boolean },
) {
  const dossier = await loadDossier(em, dossierId);
  const e = await em.findOne(ShortlistEntry, { id: entryId, dossierId });
  if (!e) throw fail.notFound('Shortlist entry');
  if (body.version !== undefined && body.version !== e.version)
    throw fail.staleVersion('This shortlist entry');
  const from = e.status as ShortlistStatus;
  if (!canMoveShortlist(from, body.status))
    throw fail.rejected(
      'ILLEGAL_TRANSITION',
      `A shortlisted listing cannot go from ${from} to ${body.status}; allowed: ${shortlistNext(from).join(', ') || 'none'}.`,
    );
  if (body.rejectOthers && body.status !== 'SELECTED')
    throw fail.validation([{ field: 'rejectOthers', message: 'only with status SELECTED' }]);
  const now = new Date();
  const moved: Array<{
    e: IShortlistEntry;
    from: ShortlistStatus;
    to: ShortlistStatus;
    comment: string | null;
  }> = [{ e, from, to: body.status, comment: body.comment ?? null }];
  if (body.rejectOthers) {
    const others = await em.find(ShortlistEntry, {
      dossierId,
      id: { $ne: e.id },
      status: { $in: ['SHORTLISTED', 'PROPOSED', 'VISITED'] },
    });
    for (const o of others)
      moved.push({
        e: o,
        from: o.status as ShortlistStatus,
        to: 'REJECTED',
        comment: 'another listing was selected',
      });
  }
  const annonces = await em.find(Annonce, { id: { $in: moved.map((m) => m.e.annonceId) } });
  for (const m of moved) {
    m.e.status = m.to;
    m.e.statusChangedAt = now;
    m.e.statusChangedBy = ctx.userId ?? null;
    const ref = annonces.find((a) => a.id === m.e.annonceId)?.reference ?? m.e.annonceId;
    record(em, ctx, dossier, m.e, m.from, m.to, ref, m.comment, now);
  }
  await em.flush();
  for (const m of moved)
    await audit(
      em,
      ctx,
      dossierId,
      'SHORTLIST_STATUS',
      { entryId: m.e.id, annonceId: m.e.annonceId, status: m.to, comment: m.comment },
      { entryId: m.e.id, status: m.from },
    );
  await recomputeDossierScore(em, ctx.orgId, dossierId, now);
  const views = await shortlistView(
    em,
    moved.map((m) => m.e),
  );
  const rejected = views.slice(1).map((v) => ({
    id: v.id,
    annonceId: v.annonceId,
    status: v.status,
    version: v.version,
  }));
  return { ...views[0]!, ...(body.rejectOthers ? { rejected } : {}) };
}
