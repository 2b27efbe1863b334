import { transactionOfCaseType, type Transaction } from './annonce.js';

/**
 * A buyer's or tenant's search (F-8.2). Budgets are the dossier's `budgetMin`/`budgetMax` (euros: a
 * price for ACHAT, a monthly rent excluding charges for LOCATION); everything else lives under these
 * keys of `dossier.criteria`, next to any free keys the agency uses. Pure (shared with the admin UI).
 */
export interface MatchingCriteria {
  /** From the case type: ACHAT → SALE, LOCATION → RENT; null = both. */
  transaction: Transaction | null;
  budgetMinCents: number | null;
  budgetMaxCents: number | null;
  /** City names as typed; compared accent- and case-insensitively. */
  cities: string[];
  /** ZONE dictionary codes. */
  zones: string[];
  /** PROPERTY_TYPE dictionary codes. */
  propertyTypes: string[];
  roomsMin: number | null;
  bedroomsMin: number | null;
  /** m². */
  surfaceMin: number | null;
  /** FEATURE dictionary codes. */
  requiredFeatures: string[];
  niceFeatures: string[];
  near: { lat: number; lng: number; radiusKm: number } | null;
}

const codes = (description: string) =>
  ({
    type: 'array',
    maxItems: 30,
    uniqueItems: true,
    items: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' },
    description,
  }) as const;

/** JSON schemas of the matching keys of `dossier.criteria` (the API validates them field by field). */
export const matchingCriteriaProperties = {
  cities: {
    type: 'array',
    maxItems: 20,
    items: { type: 'string', minLength: 1, maxLength: 120 },
    description: 'Wanted cities (any of them)',
  },
  zones: codes('Wanted zones / quartiers (ZONE dictionary codes)'),
  propertyTypes: codes('Wanted property types (PROPERTY_TYPE codes)'),
  roomsMin: { type: 'integer', minimum: 0, maximum: 50, description: 'At least this many rooms' },
  bedroomsMin: { type: 'integer', minimum: 0, maximum: 50, description: 'At least this many bedrooms' },
  surfaceMin: { type: 'number', minimum: 0, maximum: 100000, description: 'At least this surface, m²' },
  requiredFeatures: codes('Features the property must have (FEATURE codes); a missing one costs points'),
  niceFeatures: codes('Features that are a plus (FEATURE codes)'),
  near: {
    type: 'object',
    additionalProperties: false,
    required: ['lat', 'lng', 'radiusKm'],
    description: 'Around a point: within radiusKm is a match, up to twice the radius partial',
    properties: {
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
      radiusKm: { type: 'number', exclusiveMinimum: 0, maximum: 500 },
    },
  },
} as const;

export const MATCHING_CRITERIA_KEYS = Object.keys(matchingCriteriaProperties) as Array<
  keyof typeof matchingCriteriaProperties
>;

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** Budgets in euros → cents; 0 or less means "not given" (an empty form field, not a free property). */
const cents = (euros: number | null | undefined): number | null =>
  typeof euros === 'number' && Number.isFinite(euros) && euros > 0 ? Math.round(euros * 100) : null;

/** Reads the search of a dossier (its case type, budgets and criteria), tolerating older free keys. */
export function criteriaOfDossier(d: {
  caseType: string;
  budgetMin: number | null;
  budgetMax: number | null;
  criteria: Record<string, unknown> | null;
}): MatchingCriteria {
  const c = d.criteria ?? {};
  const near = c.near as Record<string, unknown> | undefined;
  const lat = num(near?.lat);
  const lng = num(near?.lng);
  const radiusKm = num(near?.radiusKm);
  return {
    transaction: transactionOfCaseType(d.caseType),
    budgetMinCents: cents(d.budgetMin),
    budgetMaxCents: cents(d.budgetMax),
    cities: strings(c.cities),
    zones: strings(c.zones),
    propertyTypes: strings(c.propertyTypes),
    // `rooms` is the free key dossiers used before matching existed.
    roomsMin: num(c.roomsMin) ?? num(c.rooms),
    bedroomsMin: num(c.bedroomsMin),
    surfaceMin: num(c.surfaceMin) ?? num(c.surface),
    requiredFeatures: strings(c.requiredFeatures),
    niceFeatures: strings(c.niceFeatures),
    near: lat !== null && lng !== null && radiusKm !== null && radiusKm > 0 ? { lat, lng, radiusKm } : null,
  };
}

/** Dictionary codes a search names, by dictionary, to check against the tenant's dictionaries. */
export function criteriaCodes(
  criteria: Record<string, unknown>,
): Array<{ field: string; dictType: string; codes: string[] }> {
  return [
    { field: 'criteria.zones', dictType: 'ZONE', codes: strings(criteria.zones) },
    { field: 'criteria.propertyTypes', dictType: 'PROPERTY_TYPE', codes: strings(criteria.propertyTypes) },
    { field: 'criteria.requiredFeatures', dictType: 'FEATURE', codes: strings(criteria.requiredFeatures) },
    { field: 'criteria.niceFeatures', dictType: 'FEATURE', codes: strings(criteria.niceFeatures) },
  ].filter((x) => x.codes.length > 0);
}
