import { cityKey as cityKeyOf, type Transaction } from './annonce.js';
import type { MatchingCriteria } from './matching-criteria.js';
import { labelOf, type MatchLabels } from './matching-labels.js';
import { MATCH_TEXTS, type MatchTexts } from './matching-texts.js';

export { formatEuros } from './matching-texts.js';

/**
 * Explainable property matching (F-8.2), pure and deterministic.
 *
 * Hard criteria exclude a listing: the transaction (ACHAT buys SALE listings, LOCATION rents RENT ones)
 * and the maximum budget plus the organisation's tolerance. Every other criterion is soft: it earns a
 * credit between 0 and 1 (MATCH = 1, PARTIAL in between, MISS = 0), and
 *
 *     score = round(100 × Σ weight × credit / Σ weight)   over the criteria the search gives,
 *
 * so a search without a surface does not reward or punish surfaces. A search that gives nothing soft
 * scores every listing 100. Ties rank newer listings first, then by id. Credits:
 * - budget: within [min, max] 1; above max by p ≤ tolerance 1 − p / tolerance; below min by p max(0.5, 1 − p).
 * - location: zone wanted 1; right city but not a wanted zone 0.5; elsewhere 0.
 * - distance (near a point): within the radius 1; up to twice the radius falling linearly to 0; beyond 0.
 * - propertyType: one of the wanted types 1, else 0.
 * - rooms, bedrooms: at least the minimum 1; one short 0.5; more 0; not given on the listing 0.5.
 * - surface: at least the minimum 1; short by s ≤ 20 % 1 − s / 20 %; more 0; not given 0.5.
 * - requiredFeatures, niceFeatures: the share of the wanted features the listing has.
 * A budget of 0 (or less) counts as not given: no one searches for a free property.
 */

export const MATCH_CRITERIA = [
  'transaction',
  'budget',
  'location',
  'distance',
  'propertyType',
  'rooms',
  'bedrooms',
  'surface',
  'requiredFeatures',
  'niceFeatures',
] as const;
export type MatchCriterion = (typeof MATCH_CRITERIA)[number];
export type WeightedCriterion = Exclude<MatchCriterion, 'transaction'>;

export interface MatchingSettings {
  weights: Record<WeightedCriterion, number>;
  /** How far above the maximum budget a listing may be (percent) before it is excluded. */
  budgetTolerancePct: number;
}

/** The shipped defaults; an organisation overrides any of them (PUT /settings `matching`). */
export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  weights: {
    budget: 30,
    location: 20,
    distance: 10,
    propertyType: 10,
    rooms: 10,
    bedrooms: 10,
    surface: 10,
    requiredFeatures: 15,
    niceFeatures: 5,
  },
  budgetTolerancePct: 5,
};

export function matchingSettingsOf(override: unknown): MatchingSettings {
  const o = (override ?? {}) as { weights?: Partial<Record<string, unknown>>; budgetTolerancePct?: unknown };
  const weights = { ...DEFAULT_MATCHING_SETTINGS.weights };
  for (const key of Object.keys(weights) as WeightedCriterion[]) {
    const w = o.weights?.[key];
    if (typeof w === 'number' && Number.isFinite(w) && w >= 0) weights[key] = w;
  }
  const tol = o.budgetTolerancePct;
  return {
    weights,
    budgetTolerancePct:
      typeof tol === 'number' && Number.isFinite(tol) && tol >= 0
        ? tol
        : DEFAULT_MATCHING_SETTINGS.budgetTolerancePct,
  };
}

/** What the scorer reads of a listing. Prices in cents, surface in m². */
export interface MatchableAnnonce {
  id: string;
  transaction: Transaction;
  priceCents: number;
  city: string;
  cityKey: string;
  zoneCode: string | null;
  propertyType: string | null;
  rooms: number | null;
  bedrooms: number | null;
  surface: number | null;
  features: readonly string[];
  lat: number | null;
  lng: number | null;
}

export type MatchStatus = 'MATCH' | 'PARTIAL' | 'MISS';
export interface CriterionResult {
  criterion: MatchCriterion;
  status: MatchStatus;
  detail: string;
  /** 0–1 */
  credit: number;
  weight: number;
}
export interface MatchResult {
  score: number;
  /** A hard criterion failed: the listing is not a candidate (score 0). */
  excluded: boolean;
  explanation: CriterionResult[];
}

export type MatchLanguage = 'fr' | 'en';

/** Great-circle distance in km (same formula as the SQL prefilter). */
export function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

type Partial1 = Omit<CriterionResult, 'weight' | 'criterion'>;
const match = (detail: string): Partial1 => ({ status: 'MATCH', credit: 1, detail });
const partial = (credit: number, detail: string): Partial1 => ({
  status: 'PARTIAL',
  credit: Math.max(0, Math.min(1, credit)),
  detail,
});
const miss = (detail: string): Partial1 => ({ status: 'MISS', credit: 0, detail });

function atLeast(
  have: number | null,
  min: number,
  t: MatchTexts['count'],
  what: 'rooms' | 'bedrooms',
): Partial1 {
  if (have === null) return partial(0.5, t.unknown(what));
  if (have >= min) return match(t.ok(what, have, min));
  if (have === min - 1) return partial(0.5, t.short(what, have, min));
  return miss(t.short(what, have, min));
}

function features(
  have: readonly string[],
  wanted: string[],
  t: MatchTexts['features'],
  name: (code: string) => string,
) {
  const missing = wanted.filter((f) => !have.includes(f));
  const share = (wanted.length - missing.length) / wanted.length;
  if (missing.length === 0) return match(t.all(wanted.map(name)));
  if (share === 0) return miss(t.none(missing.map(name)));
  return partial(share, t.some(missing.map(name)));
}

/**
 * Scores one listing against a search: the score, whether a hard criterion excludes it, and why.
 * `labels` names features, property types and zones in the explanation (matching-labels.ts).
 */
export function scoreAnnonce(
  c: MatchingCriteria,
  a: MatchableAnnonce,
  settings: MatchingSettings = DEFAULT_MATCHING_SETTINGS,
  lang: MatchLanguage = 'fr',
  labels: MatchLabels = {},
): MatchResult {
  const t = MATCH_TEXTS[lang];
  const zone = (code: string) => labelOf(labels, 'ZONE', code);
  const type = (code: string) => labelOf(labels, 'PROPERTY_TYPE', code);
  const feature = (code: string) => labelOf(labels, 'FEATURE', code);
  const w = settings.weights;
  const out: CriterionResult[] = [];
  let excluded = false;
  const add = (criterion: MatchCriterion, weight: number, r: Partial1) =>
    out.push({ criterion, weight, ...r });

  if (c.transaction) {
    if (a.transaction === c.transaction) add('transaction', 0, match(t.transaction.ok(a.transaction)));
    else {
      excluded = true;
      add('transaction', 0, miss(t.transaction.wrong(a.transaction, c.transaction)));
    }
  }
  const { budgetMinCents: min, budgetMaxCents: max } = c;
  if (min !== null || max !== null) {
    const price = a.priceCents;
    const rent = a.transaction === 'RENT';
    const tol = settings.budgetTolerancePct / 100;
    if (max !== null && price > max) {
      const over = (price - max) / max;
      if (over <= tol && tol > 0)
        add('budget', w.budget, partial(1 - over / tol, t.budget.above(price, max, over, rent, true)));
      else {
        excluded = true;
        add('budget', w.budget, miss(t.budget.above(price, max, over, rent, false)));
      }
    } else if (min !== null && price < min) {
      const under = (min - price) / min;
      add('budget', w.budget, partial(Math.max(0.5, 1 - under), t.budget.below(price, min, under, rent)));
    } else add('budget', w.budget, match(t.budget.within(price, min, max, rent)));
  }
  if (c.cities.length || c.zones.length) {
    const inZone = a.zoneCode !== null && c.zones.includes(a.zoneCode);
    const inCity = c.cities.some((city) => cityKeyOf(city) === a.cityKey);
    if (inZone) add('location', w.location, match(t.location.zone(zone(a.zoneCode!), a.city)));
    else if (inCity && c.zones.length)
      add('location', w.location, partial(0.5, t.location.cityNotZone(a.city, c.zones.map(zone))));
    else if (inCity) add('location', w.location, match(t.location.city(a.city)));
    else add('location', w.location, miss(t.location.elsewhere(a.city, [...c.cities, ...c.zones.map(zone)])));
  }
  if (c.near) {
    const { lat, lng, radiusKm } = c.near;
    if (a.lat === null || a.lng === null) add('distance', w.distance, miss(t.distance.unknown));
    else {
      const d = haversineKm(lat, lng, a.lat, a.lng);
      if (d <= radiusKm) add('distance', w.distance, match(t.distance.within(d, radiusKm)));
      else if (d <= 2 * radiusKm)
        add('distance', w.distance, partial(1 - (d - radiusKm) / radiusKm, t.distance.beyond(d, radiusKm)));
      else add('distance', w.distance, miss(t.distance.beyond(d, radiusKm)));
    }
  }
  if (c.propertyTypes.length) {
    if (a.propertyType !== null && c.propertyTypes.includes(a.propertyType))
      add('propertyType', w.propertyType, match(t.type.ok(type(a.propertyType))));
    else {
      const have = a.propertyType === null ? null : type(a.propertyType);
      add('propertyType', w.propertyType, miss(t.type.wrong(have, c.propertyTypes.map(type))));
    }
  }
  if (c.roomsMin !== null) add('rooms', w.rooms, atLeast(a.rooms, c.roomsMin, t.count, 'rooms'));
  if (c.bedroomsMin !== null)
    add('bedrooms', w.bedrooms, atLeast(a.bedrooms, c.bedroomsMin, t.count, 'bedrooms'));
  if (c.surfaceMin !== null) {
    const s = a.surface;
    const minS = c.surfaceMin;
    if (s === null) add('surface', w.surface, partial(0.5, t.surface.unknown));
    else if (s >= minS) add('surface', w.surface, match(t.surface.ok(s, minS)));
    else {
      const short = (minS - s) / minS;
      add(
        'surface',
        w.surface,
        short <= 0.2
          ? partial(1 - short / 0.2, t.surface.short(s, minS, short))
          : miss(t.surface.short(s, minS, short)),
      );
    }
  }
  if (c.requiredFeatures.length)
    add(
      'requiredFeatures',
      w.requiredFeatures,
      features(a.features, c.requiredFeatures, t.features, feature),
    );
  if (c.niceFeatures.length)
    add('niceFeatures', w.niceFeatures, features(a.features, c.niceFeatures, t.features, feature));

  if (excluded) return { score: 0, excluded, explanation: out };
  const total = out.reduce((s, r) => s + r.weight, 0);
  const earned = out.reduce((s, r) => s + r.weight * r.credit, 0);
  return { score: total > 0 ? Math.round((100 * earned) / total) : 100, excluded, explanation: out };
}
