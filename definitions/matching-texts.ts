/** The explanation lines of property matching, in French and English, with the numbers. Pure. */

/** "312 000 €" (cents shown only when there are some). */
export function formatEuros(cents: number): string {
  const euros = Math.floor(Math.abs(cents) / 100);
  const rest = Math.abs(cents) % 100;
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${cents < 0 ? '-' : ''}${grouped}${rest ? `,${String(rest).padStart(2, '0')}` : ''} €`;
}

const pct = (x: number) => `${Math.max(1, Math.round(x * 100))} %`;
const km = (x: number) => `${x < 10 ? Math.round(x * 10) / 10 : Math.round(x)} km`;
const list = (xs: readonly string[]) => xs.join(', ');

export interface MatchTexts {
  transaction: { ok(t: string): string; wrong(t: string, wanted: string): string };
  budget: {
    within(price: number, min: number | null, max: number | null, rent: boolean): string;
    above(price: number, max: number, over: number, rent: boolean, tolerated: boolean): string;
    below(price: number, min: number, under: number, rent: boolean): string;
  };
  location: {
    zone(zone: string, city: string): string;
    city(city: string): string;
    cityNotZone(city: string, zones: string[]): string;
    elsewhere(city: string, wanted: string[]): string;
  };
  distance: { unknown: string; within(d: number, r: number): string; beyond(d: number, r: number): string };
  type: { ok(t: string): string; wrong(t: string | null, wanted: string[]): string };
  count: {
    unknown(what: 'rooms' | 'bedrooms'): string;
    ok(what: 'rooms' | 'bedrooms', have: number, min: number): string;
    short(what: 'rooms' | 'bedrooms', have: number, min: number): string;
  };
  surface: {
    unknown: string;
    ok(s: number, min: number): string;
    short(s: number, min: number, p: number): string;
  };
  features: { all(f: string[]): string; some(missing: string[]): string; none(missing: string[]): string };
}

const en: MatchTexts = {
  transaction: {
    ok: (t) => (t === 'SALE' ? 'for sale, as wanted' : 'for rent, as wanted'),
    wrong: (t, w) =>
      `${t === 'SALE' ? 'for sale' : 'for rent'}, but the search is ${w === 'SALE' ? 'to buy' : 'to rent'}`,
  },
  budget: {
    within: (p, min, max, rent) =>
      `${rent ? 'rent' : 'price'} ${formatEuros(p)}${rent ? '/month' : ''} is within the budget (${min !== null ? formatEuros(min) : '…'} – ${max !== null ? formatEuros(max) : '…'})`,
    above: (p, max, over, rent, tolerated) =>
      `${rent ? 'rent' : 'price'} ${formatEuros(p)}${rent ? '/month' : ''} is ${pct(over)} above the max budget (${formatEuros(max)})${tolerated ? ', within the tolerance' : ', beyond the tolerance'}`,
    below: (p, min, under, rent) =>
      `${rent ? 'rent' : 'price'} ${formatEuros(p)}${rent ? '/month' : ''} is ${pct(under)} below the min budget (${formatEuros(min)})`,
  },
  location: {
    zone: (z, c) => `in ${c}, zone ${z}`,
    city: (c) => `in ${c}`,
    cityNotZone: (c, zones) => `in ${c}, but not in the wanted zones (${list(zones)})`,
    elsewhere: (c, wanted) => `in ${c}, not in ${list(wanted)}`,
  },
  distance: {
    unknown: 'no map position on the listing',
    within: (d, r) => `${km(d)} from the searched point (radius ${km(r)})`,
    beyond: (d, r) => `${km(d)} from the searched point, beyond the radius of ${km(r)}`,
  },
  type: {
    ok: (t) => `${t}, as wanted`,
    wrong: (t, w) => `${t ?? 'type not given'}, not ${list(w)}`,
  },
  count: {
    unknown: (what) => `number of ${what} not given on the listing`,
    ok: (what, have, min) => `${have} ${what} (at least ${min} wanted)`,
    short: (what, have, min) => `${have} ${what}, ${min - have} fewer than the ${min} wanted`,
  },
  surface: {
    unknown: 'surface not given on the listing',
    ok: (s, min) => `${s} m² (at least ${min} m² wanted)`,
    short: (s, min, p) => `${s} m² is ${pct(p)} below the ${min} m² wanted`,
  },
  features: {
    all: (f) => `has ${list(f)}`,
    some: (m) => `missing ${list(m)}`,
    none: (m) => `has none of ${list(m)}`,
  },
};

const fr: MatchTexts = {
  transaction: {
    ok: (t) => (t === 'SALE' ? 'en vente, comme recherché' : 'en location, comme recherché'),
    wrong: (t, w) =>
      `${t === 'SALE' ? 'en vente' : 'en location'}, mais la recherche est ${w === 'SALE' ? 'un achat' : 'une location'}`,
  },
  budget: {
    within: (p, min, max, rent) =>
      `${rent ? 'loyer' : 'prix'} ${formatEuros(p)}${rent ? '/mois' : ''} dans le budget (${min !== null ? formatEuros(min) : '…'} – ${max !== null ? formatEuros(max) : '…'})`,
    above: (p, max, over, rent, tolerated) =>
      `${rent ? 'loyer' : 'prix'} ${formatEuros(p)}${rent ? '/mois' : ''} : ${pct(over)} au-dessus du budget max (${formatEuros(max)})${tolerated ? ', dans la tolérance' : ', au-delà de la tolérance'}`,
    below: (p, min, under, rent) =>
      `${rent ? 'loyer' : 'prix'} ${formatEuros(p)}${rent ? '/mois' : ''} : ${pct(under)} sous le budget min (${formatEuros(min)})`,
  },
  location: {
    zone: (z, c) => `à ${c}, zone ${z}`,
    city: (c) => `à ${c}`,
    cityNotZone: (c, zones) => `à ${c}, mais hors des zones recherchées (${list(zones)})`,
    elsewhere: (c, wanted) => `à ${c}, pas à ${list(wanted)}`,
  },
  distance: {
    unknown: "pas de position sur la carte pour l'annonce",
    within: (d, r) => `à ${km(d)} du point recherché (rayon ${km(r)})`,
    beyond: (d, r) => `à ${km(d)} du point recherché, au-delà du rayon de ${km(r)}`,
  },
  type: {
    ok: (t) => `${t}, comme recherché`,
    wrong: (t, w) => `${t ?? 'type non renseigné'}, pas ${list(w)}`,
  },
  count: {
    unknown: (what) => `nombre de ${what === 'rooms' ? 'pièces' : 'chambres'} non renseigné`,
    ok: (what, have, min) =>
      `${have} ${what === 'rooms' ? 'pièces' : 'chambres'} (au moins ${min} recherchées)`,
    short: (what, have, min) =>
      `${have} ${what === 'rooms' ? 'pièces' : 'chambres'}, ${min - have} de moins que les ${min} recherchées`,
  },
  surface: {
    unknown: 'surface non renseignée',
    ok: (s, min) => `${s} m² (au moins ${min} m² recherchés)`,
    short: (s, min, p) => `${s} m², ${pct(p)} de moins que les ${min} m² recherchés`,
  },
  features: {
    all: (f) => `a : ${list(f)}`,
    some: (m) => `manque : ${list(m)}`,
    none: (m) => `n'a aucun de : ${list(m)}`,
  },
};

export const MATCH_TEXTS: Record<'fr' | 'en', MatchTexts> = { fr, en };
