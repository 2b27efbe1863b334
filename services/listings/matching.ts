import { randomUUID } from 'node:crypto';
import { addTimelineEvent } from '../../db/activities.js';
import { annonceView, type AnnonceView } from '../../db/annonces.js';
import { dossierView } from '../../db/dossier-view.js';
import { Annonce, Dossier, ShortlistEntry, type IAnnonce } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { criteriaOfDossier, type MatchingCriteria } from '../../definitions/matching-criteria.js';
import {
  matchingSettingsOf,
  scoreAnnonce,
  type MatchableAnnonce,
  type MatchingSettings,
  type MatchLanguage,
  type MatchResult,
} from '../../definitions/matching.js';
import { cityKey } from '../../definitions/annonce.js';
import { LABELLED_DICTIONARIES, matchLabelsOf, type MatchLabels } from '../../definitions/matching-labels.js';
import { effectiveDictionary } from '../../db/dictionaries.js';
import { failures } from '../failures.js';

const fail = failures('listings');

/** A PostgreSQL array literal: the query layer would expand a JS array into a list of values. */
export function pgArray(xs: readonly (string | number)[]): string {
  return `{${xs.map((x) => (typeof x === 'number' ? String(x) : `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}

/** How many candidates each prefilter pass hands to the exact scorer. */
export const CANDIDATE_POOL = 200;

export async function matchingSettings(em: Em, orgId: string): Promise<MatchingSettings> {
  const rows = await em.execute<{ settings: { matching?: unknown } | null }[]>(
    'select settings from organization where id = ?',
    [orgId],
  );
  return matchingSettingsOf(rows[0]?.settings?.matching);
}

/** The organisation's labels of the codes explanations name (inactive entries too: old listings keep them). */
export async function matchLabels(em: Em, lang: MatchLanguage): Promise<MatchLabels> {
  const entries = [];
  for (const dictType of LABELLED_DICTIONARIES)
    entries.push(...(await effectiveDictionary(em, dictType, { includeInactive: true })));
  return matchLabelsOf(entries, lang);
}

export function matchable(a: IAnnonce): MatchableAnnonce {
  const v = annonceView(a);
  return {
    id: v.id,
    transaction: v.transaction,
    priceCents: v.priceCents,
    city: v.city,
    cityKey: a.cityKey,
    zoneCode: v.zoneCode,
    propertyType: v.propertyType,
    rooms: v.rooms,
    bedrooms: v.bedrooms,
    surface: v.surface,
    features: v.features,
    lat: v.lat,
    lng: v.lng,
  };
}

/** The prefilter's weights, in annonce_match_candidates' order; criteria the search omits weigh 0. */
function weightVector(c: MatchingCriteria, s: MatchingSettings): number[] {
  const w = s.weights;
  const on = (given: boolean, weight: number) => (given ? weight : 0);
  return [
    on(c.budgetMinCents !== null || c.budgetMaxCents !== null, w.budget),
    on(c.cities.length + c.zones.length > 0, w.location),
    on(c.near !== null, w.distance),
    on(c.propertyTypes.length > 0, w.propertyType),
    on(c.roomsMin !== null, w.rooms),
    on(c.bedroomsMin !== null, w.bedrooms),
    on(c.surfaceMin !== null, w.surface),
    on(c.requiredFeatures.length > 0, w.requiredFeatures),
    on(c.niceFeatures.length > 0, w.niceFeatures),
  ];
}

/**
 * Candidate ids from PostgreSQL (SECURITY DEFINER annonce_match_candidates, index-backed inside the
 * caller's organisation): first near the wanted places (cities, zones, map box); when that gives fewer
 * than `limit`, also the best of the whole organisation, so the closest listings still come back.
 */
async function candidateIds(em: Em, c: MatchingCriteria, s: MatchingSettings, limit: number) {
  const ceiling =
    c.budgetMaxCents === null ? null : Math.floor(c.budgetMaxCents * (1 + s.budgetTolerancePct / 100));
  const call = (local: boolean) =>
    em.execute<{ annonce_id: string }[]>(
      `select annonce_id from annonce_match_candidates(?::text, ?::bigint, ?::bigint, ?::text[], ?::text[], ?::text[],
         ?::int, ?::int, ?::numeric, ?::text[], ?::text[], ?::float8, ?::float8, ?::float8, ?::float8[], ?::boolean,
         ?::int, ?::bigint)`,
      [
        c.transaction,
        ceiling,
        c.budgetMinCents,
        pgArray(c.cities.map(cityKey)),
        pgArray(c.zones),
        pgArray(c.propertyTypes),
        c.roomsMin,
        c.bedroomsMin,
        c.surfaceMin,
        pgArray(c.requiredFeatures),
        pgArray(c.niceFeatures),
        c.near?.lat ?? null,
        c.near?.lng ?? null,
        c.near?.radiusKm ?? null,
        pgArray(weightVector(c, s)),
        local,
        CANDIDATE_POOL,
        c.budgetMaxCents,
      ],
    );
  const ids = new Set<string>();
  const local = c.cities.length > 0 || c.zones.length > 0 || c.near !== null;
  if (local) for (const r of await call(true)) ids.add(r.annonce_id);
  if (ids.size < limit) for (const r of await call(false)) ids.add(r.annonce_id);
  return [...ids];
}

export interface MatchItem {
  annonceId: string;
  score: number;
  explanation: Array<{ criterion: string; status: string; detail: string; weight: number }>;
  shortlist: { entryId: string; status: string } | null;
  annonce: AnnonceView;
}

export function explanationOf(r: MatchResult) {
  return r.explanation.map(({ criterion, status, detail, weight }) => ({
    criterion,
    status,
    detail,
    weight,
  }));
}

/**
 * Ranks the organisation's AVAILABLE listings against a dossier's search (F-8.2), best first, and
 * records the run on the dossier timeline (guards read it as `matching.*`).
 */
export async function runMatching(
  em: Em,
  ctx: TenantContext,
  dossierId: string,
  opts: { limit: number; lang: MatchLanguage },
) {
  const dossier = await em.findOne(Dossier, { id: dossierId });
  if (!dossier) throw fail.notFound('Dossier');
  const criteria = criteriaOfDossier(dossierView(dossier));
  const settings = await matchingSettings(em, ctx.orgId);
  const ids = await candidateIds(em, criteria, settings, opts.limit);
  const annonces = ids.length ? await em.find(Annonce, { id: { $in: ids }, statusCode: 'AVAILABLE' }) : [];
  const labels = annonces.length ? await matchLabels(em, opts.lang) : {};
  const ranked = annonces
    .map((a) => ({ a, r: scoreAnnonce(criteria, matchable(a), settings, opts.lang, labels) }))
    .filter((x) => !x.r.excluded)
    .sort(
      (x, y) =>
        y.r.score - x.r.score ||
        y.a.createdAt.getTime() - x.a.createdAt.getTime() ||
        (x.a.id < y.a.id ? -1 : 1),
    )
    .slice(0, opts.limit);
  const entries = ranked.length
    ? await em.find(ShortlistEntry, { dossierId, annonceId: { $in: ranked.map((x) => x.a.id) } })
    : [];
  const data: MatchItem[] = ranked.map(({ a, r }) => {
    const entry = entries.find((e) => e.annonceId === a.id);
    return {
      annonceId: a.id,
      score: r.score,
      explanation: explanationOf(r),
      shortlist: entry ? { entryId: entry.id, status: entry.status } : null,
      annonce: annonceView(a),
    };
  });
  const best = data[0]?.score ?? null;
  addTimelineEvent(em, {
    orgId: ctx.orgId,
    dossierId,
    contactId: dossier.contactId ?? null,
    kind: 'MATCHING',
    channel: null,
    direction: null,
    authorId: ctx.userId ?? null,
    title: `Property matching: ${data.length} listing(s)${best !== null ? `, best score ${best}` : ''}`,
    body: null,
    payload: { resultCount: data.length, bestScore: best, annonceIds: data.map((d) => d.annonceId) },
    occurredAt: new Date(),
    sourceKey: `matching:${randomUUID()}`,
  });
  await em.flush();
  return { data, criteria, settings };
}
