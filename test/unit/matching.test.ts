import { describe, expect, it } from 'vitest';
import { criteriaOfDossier, type MatchingCriteria } from '../../definitions/matching-criteria.js';
import {
  DEFAULT_MATCHING_SETTINGS,
  formatEuros,
  haversineKm,
  matchingSettingsOf,
  scoreAnnonce,
  type MatchableAnnonce,
} from '../../definitions/matching.js';
import { labelOf, matchLabelsOf } from '../../definitions/matching-labels.js';
import { canMoveShortlist } from '../../definitions/shortlist.js';
import { validateDefinition } from '../../definitions/validate-definition.js';
import { builtInTemplate } from '../../definitions/templates/index.js';
import { defaultCodes } from '../../definitions/dictionary-defaults.js';

const none: MatchingCriteria = {
  transaction: null,
  budgetMinCents: null,
  budgetMaxCents: null,
  cities: [],
  zones: [],
  propertyTypes: [],
  roomsMin: null,
  bedroomsMin: null,
  surfaceMin: null,
  requiredFeatures: [],
  niceFeatures: [],
  near: null,
};
const flat: MatchableAnnonce = {
  id: 'a',
  transaction: 'SALE',
  priceCents: 28_000_000,
  city: 'Lyon',
  cityKey: 'lyon',
  zoneCode: 'LYON_CROIX_ROUSSE',
  propertyType: 'APARTMENT',
  rooms: 4,
  bedrooms: 3,
  surface: 80,
  features: ['ELEVATOR', 'BALCONY'],
  lat: 45.7744,
  lng: 4.8318,
};
const score = (c: Partial<MatchingCriteria>, a: Partial<MatchableAnnonce> = {}) =>
  scoreAnnonce({ ...none, ...c }, { ...flat, ...a }, DEFAULT_MATCHING_SETTINGS, 'en');
const line = (r: ReturnType<typeof score>, criterion: string) =>
  r.explanation.find((e) => e.criterion === criterion);

describe('matching score', () => {
  it('scores 100 when the search gives no soft criterion (missing criteria neither reward nor punish)', () => {
    expect(score({})).toEqual({ score: 100, excluded: false, explanation: [] });
    expect(score({ transaction: 'SALE' }).score).toBe(100);
  });

  it('excludes the wrong transaction and prices beyond the tolerance; rent is compared per month', () => {
    expect(score({ transaction: 'RENT' })).toMatchObject({ excluded: true, score: 0 });
    const rent = score(
      { transaction: 'RENT', budgetMaxCents: 120_000 },
      { transaction: 'RENT', priceCents: 125_000 },
    );
    expect(rent.excluded).toBe(false);
    expect(line(rent, 'budget')).toMatchObject({
      status: 'PARTIAL',
      detail: 'rent 1 250 €/month is 4 % above the max budget (1 200 €), within the tolerance',
    });
    expect(score({ budgetMaxCents: 25_000_000 })).toMatchObject({ excluded: true, score: 0 });
  });

  it('gives partial credit above the max within the tolerance and below the min', () => {
    const above = score({ budgetMaxCents: 27_000_000 }); // 3.7 % above, tolerance 5 %
    expect(above.score).toBe(26);
    const below = score({ budgetMinCents: 40_000_000, budgetMaxCents: 50_000_000 });
    expect(line(below, 'budget')).toMatchObject({ status: 'PARTIAL', credit: 0.7 });
    expect(score({ budgetMinCents: 20_000_000, budgetMaxCents: 30_000_000 }).score).toBe(100);
  });

  it('treats a zero budget as not given', () => {
    const c = criteriaOfDossier({ caseType: 'ACHAT', budgetMin: 0, budgetMax: 0, criteria: {} });
    expect([c.budgetMinCents, c.budgetMaxCents, c.transaction]).toEqual([null, null, 'SALE']);
    expect(scoreAnnonce(c, flat).score).toBe(100);
    expect(
      criteriaOfDossier({ caseType: 'LOCATION', budgetMin: null, budgetMax: 950.5, criteria: { rooms: 2 } }),
    ).toMatchObject({
      transaction: 'RENT',
      budgetMaxCents: 95_050,
      roomsMin: 2,
    });
  });

  it('weighs location by zone, city and distance', () => {
    expect(line(score({ zones: ['LYON_CROIX_ROUSSE'] }), 'location')?.status).toBe('MATCH');
    expect(line(score({ cities: ['LYON'], zones: ['LYON_PART_DIEU'] }), 'location')).toMatchObject({
      status: 'PARTIAL',
      credit: 0.5,
    });
    expect(score({ cities: ['Paris'] })).toMatchObject({ score: 0 });
    const near = score({ near: { lat: 45.7606, lng: 4.8566, radiusKm: 1 } }); // Part-Dieu ↔ Croix-Rousse ≈ 2.4 km
    expect(line(near, 'distance')?.status).toBe('MISS');
    expect(line(score({ near: { lat: 45.7606, lng: 4.8566, radiusKm: 2 } }), 'distance')?.status).toBe(
      'PARTIAL',
    );
    expect(
      line(score({ near: { lat: 45.77, lng: 4.83, radiusKm: 1 } }, { lat: null, lng: null }), 'distance'),
    ).toMatchObject({
      status: 'MISS',
      detail: 'no map position on the listing',
    });
    expect(haversineKm(48.8566, 2.3522, 45.764, 4.8357)).toBeCloseTo(391.5, 0);
  });

  it('counts rooms, bedrooms, surface and features with partial credit and unknowns', () => {
    expect(line(score({ bedroomsMin: 4 }), 'bedrooms')).toMatchObject({
      status: 'PARTIAL',
      detail: '3 bedrooms, 1 fewer than the 4 wanted',
    });
    expect(line(score({ roomsMin: 6 }), 'rooms')?.status).toBe('MISS');
    expect(line(score({ roomsMin: 2 }, { rooms: null }), 'rooms')).toMatchObject({
      status: 'PARTIAL',
      credit: 0.5,
    });
    expect(line(score({ surfaceMin: 90 }), 'surface')).toMatchObject({
      status: 'PARTIAL',
      detail: '80 m² is 11 % below the 90 m² wanted',
    });
    expect(line(score({ surfaceMin: 200 }), 'surface')?.status).toBe('MISS');
    const f = score({ requiredFeatures: ['ELEVATOR', 'PARKING'], niceFeatures: ['BALCONY'] });
    expect(line(f, 'requiredFeatures')).toMatchObject({
      status: 'PARTIAL',
      credit: 0.5,
      detail: 'missing PARKING',
    });
    expect(line(f, 'niceFeatures')?.status).toBe('MATCH');
    expect(f.score).toBe(Math.round((100 * (15 * 0.5 + 5)) / 20));
  });

  it('uses the organisation weights and tolerance, ignoring invalid overrides', () => {
    const s = matchingSettingsOf({ weights: { budget: 0, location: 'x', rooms: -1 }, budgetTolerancePct: 0 });
    expect(s.weights).toMatchObject({ budget: 0, location: 20, rooms: 10 });
    expect(scoreAnnonce({ ...none, budgetMaxCents: 27_999_999 }, flat, s).excluded).toBe(true);
    expect(scoreAnnonce({ ...none, budgetMaxCents: 28_000_000, cities: ['Paris'] }, flat, s).score).toBe(0);
  });

  it('explains in French by default and formats euros', () => {
    expect(formatEuros(31_200_000)).toBe('312 000 €');
    expect(formatEuros(125_050)).toBe('1 250,50 €');
    const r = scoreAnnonce({ ...none, budgetMaxCents: 30_000_000 }, { ...flat, priceCents: 31_200_000 });
    expect(line(r, 'budget')?.detail).toBe(
      'prix 312 000 € : 4 % au-dessus du budget max (300 000 €), dans la tolérance',
    );
  });
});

describe('match explanation labels', () => {
  const entries = [
    { dictType: 'FEATURE', code: 'ELEVATOR', label: 'Elevator', labelFr: 'Ascenseur' },
    { dictType: 'FEATURE', code: 'PARKING', label: 'Parking space', labelFr: null },
    { dictType: 'FEATURE', code: 'CELLAR', label: ' ', labelFr: '' },
    { dictType: 'PROPERTY_TYPE', code: 'HOUSE', label: 'House', labelFr: 'Maison' },
    { dictType: 'ZONE', code: 'LYON_CROIX_ROUSSE', label: 'Croix-Rousse', labelFr: 'La Croix-Rousse' },
    { dictType: 'CASE_STATUS', code: 'NEW', label: 'New', labelFr: 'Nouveau' },
  ];

  it('reads the French label, then the default one, and falls back to the code only without a label', () => {
    const fr = matchLabelsOf(entries, 'fr');
    expect(labelOf(fr, 'FEATURE', 'ELEVATOR')).toBe('Ascenseur');
    expect(labelOf(fr, 'FEATURE', 'PARKING')).toBe('Parking space');
    expect(labelOf(fr, 'FEATURE', 'CELLAR')).toBe('CELLAR');
    expect(labelOf(fr, 'FEATURE', 'MOAT')).toBe('MOAT');
    expect(labelOf(matchLabelsOf(entries, 'en'), 'FEATURE', 'ELEVATOR')).toBe('Elevator');
    expect(Object.keys(fr).sort()).toEqual(['FEATURE', 'PROPERTY_TYPE', 'ZONE']);
  });

  it('names features, property types and zones by label in the explanation', () => {
    const c = {
      ...none,
      zones: ['LYON_CROIX_ROUSSE'],
      propertyTypes: ['HOUSE'],
      requiredFeatures: ['ELEVATOR', 'PARKING'],
      niceFeatures: ['POOL'],
    };
    const fr = scoreAnnonce(c, flat, DEFAULT_MATCHING_SETTINGS, 'fr', matchLabelsOf(entries, 'fr'));
    expect(line(fr, 'requiredFeatures')?.detail).toBe('manque : Parking space');
    expect(line(fr, 'niceFeatures')?.detail).toBe("n'a aucun de : POOL");
    expect(line(fr, 'propertyType')?.detail).toBe('APARTMENT, pas Maison');
    expect(line(fr, 'location')?.detail).toBe('à Lyon, zone La Croix-Rousse');
    const en = scoreAnnonce(
      { ...c, requiredFeatures: ['ELEVATOR'] },
      flat,
      DEFAULT_MATCHING_SETTINGS,
      'en',
      matchLabelsOf(entries, 'en'),
    );
    expect(line(en, 'requiredFeatures')?.detail).toBe('has Elevator');
    // Labels change words only, never the score.
    expect(en.score).toBe(scoreAnnonce({ ...c, requiredFeatures: ['ELEVATOR'] }, flat).score);
  });
});

describe('shortlist statuses and the ANNONCE template', () => {
  it('follows SHORTLISTED → PROPOSED → VISITED → SELECTED | REJECTED', () => {
    expect(canMoveShortlist('SHORTLISTED', 'PROPOSED')).toBe(true);
    expect(canMoveShortlist('SHORTLISTED', 'SELECTED')).toBe(false);
    expect(canMoveShortlist('VISITED', 'SELECTED')).toBe(true);
    expect(canMoveShortlist('SELECTED', 'REJECTED')).toBe(false);
  });

  it('refuses timers in ANNONCE definitions and checks their required fields against the listing', () => {
    const template = builtInTemplate('ANNONCE')!;
    const ctx = { statusCodes: defaultCodes('CASE_STATUS'), caseTypes: defaultCodes('CASE_TYPE') };
    expect(validateDefinition(template, ctx)).toEqual({ valid: true, errors: [] });
    const withTimer = structuredClone(template);
    withTimer.states[1]!.timers = [{ action: 'remindAgent', after: 'P7D' }];
    withTimer.transitions[0]!.requiredFields = ['priceCents', 'amount'];
    const result = validateDefinition(withTimer, ctx);
    expect(result.errors.map((e) => [e.code, e.path])).toEqual([
      ['UNKNOWN_FACT', '/transitions/0/requiredFields/1'],
      ['TIMERS_NOT_SUPPORTED', '/states/1/timers'],
    ]);
  });
});
