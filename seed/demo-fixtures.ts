/**
 * Pure helpers of the demo business data (seed/demo-data.ts): a seeded random generator, French names
 * and places, and status paths that follow a workflow definition's declared transitions.
 */
import { reasonTypeOf, type WorkflowDefinitionBody } from '../definitions/workflow-definition.schema.js';

export type Rnd = () => number;

/** mulberry32 seeded by a string: the same org slug always gets the same demo data. */
export function seededRandom(seed: string): Rnd {
  let a = 0;
  for (const ch of seed) a = (Math.imul(a ^ ch.charCodeAt(0), 0x5bd1e995) + 0x9e3779b9) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
export const between = (rnd: Rnd, lo: number, hi: number) => lo + rnd() * (hi - lo);
export const intBetween = (rnd: Rnd, lo: number, hi: number) => Math.floor(between(rnd, lo, hi + 1));

export const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Emma',
  'Inès',
  'Sarah',
  'Julie',
  'Claire',
  'Hélène',
  'Sophie',
  'Amélie',
  'Nathalie',
  'Isabelle',
  'Aurélie',
  'Céline',
  'Lucas',
  'Hugo',
  'Louis',
  'Nathan',
  'Thomas',
  'Julien',
  'Nicolas',
  'Antoine',
  'Maxime',
  'Alexandre',
  'Quentin',
  'Mathieu',
  'Pierre',
  'François',
  'Étienne',
  'Jérôme',
  'Olivier',
  'Sébastien',
  'Karim',
  'Yasmine',
  'Mehdi',
  'Nadia',
  'Benoît',
  'Gaëlle',
] as const;
export const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Lefebvre',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
] as const;
export const CITIES = [
  'Paris 11e',
  'Paris 15e',
  'Lyon 6e',
  'Lyon 3e',
  'Villeurbanne',
  'Marseille 8e',
  'Bordeaux',
  'Nantes',
  'Toulouse',
  'Lille',
  'Montpellier',
  'Rennes',
  'Strasbourg',
  'Nice',
  'Grenoble',
  'Annecy',
] as const;
export const MAIL_DOMAINS = ['gmail.com', 'orange.fr', 'free.fr', 'laposte.net', 'outlook.fr', 'sfr.fr'];
export const ACCOUNT_PREFIXES = ['SCI', 'SARL', 'Cabinet', 'Famille', 'Groupe', 'Holding'] as const;
export const PROPERTY_KINDS = ['studio', 'T2', 'T3', 'T4', 'maison', 'loft', 'duplex'] as const;

/** "Hélène Lefèvre" → "helene.lefevre": emails are ASCII. */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
}

/** A French mobile number in E.164: +33 6/7 then eight digits. */
export function frenchMobile(rnd: Rnd): string {
  return `+33${pick(rnd, ['6', '7'])}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
}

function shortestPath(def: WorkflowDefinitionBody, from: string, to: string): string[] | undefined {
  const prev = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const cur = queue.shift()!;
    if (cur === to) break;
    for (const t of def.transitions) {
      if (t.from !== cur || prev.has(t.to)) continue;
      prev.set(t.to, cur);
      queue.push(t.to);
    }
  }
  if (!prev.has(to)) return undefined;
  const path: string[] = [];
  for (let s: string | null = to; s !== null; s = prev.get(s) ?? null) path.unshift(s);
  return path;
}

export const hasTransition = (def: WorkflowDefinitionBody, from: string, to: string) =>
  def.transitions.some((t) => t.from === from && t.to === to);

/**
 * A status path from the initial state to `target` along declared transitions: through a random
 * predecessor of the target, sometimes with one step back and forth (a real pipeline hesitates).
 */
export function statusPath(def: WorkflowDefinitionBody, target: string, rnd: Rnd): string[] {
  const initial = def.states.find((s) => s.initial)!.code;
  if (target === initial) return [initial];
  const preds = def.transitions.filter((t) => t.to === target).map((t) => t.from);
  const via = shortestPath(def, initial, pick(rnd, preds));
  const path = via ? [...via, target] : shortestPath(def, initial, target)!;
  const i = intBetween(rnd, 1, path.length - 1);
  if (rnd() < 0.2 && i < path.length - 1 && hasTransition(def, path[i]!, path[i - 1]!)) {
    path.splice(i + 1, 0, path[i - 1]!, path[i]!);
  }
  return path;
}

/** Where a demo dossier ends: ~15 % won, ~22 % lost, the rest spread over every open stage. */
export function pickTarget(def: WorkflowDefinitionBody, rnd: Rnd): string {
  const terminal = def.states.filter((s) => s.terminal);
  const won = terminal.filter((s) => reasonTypeOf(s) === 'WON');
  const lost = terminal.filter((s) => reasonTypeOf(s) !== 'WON');
  const r = rnd();
  if (r < 0.15 && won.length) return pick(rnd, won).code;
  if (r < 0.37 && lost.length) return pick(rnd, lost).code;
  return pick(
    rnd,
    def.states.filter((s) => !s.terminal),
  ).code;
}

/** `n` sorted instants in [from, to]. */
export function spreadTimes(rnd: Rnd, n: number, from: number, to: number): Date[] {
  return Array.from({ length: n }, () => between(rnd, from, to))
    .sort((a, b) => a - b)
    .map((t) => new Date(Math.round(t)));
}

/** Cities of the demo listings with their price per m² (sale) and monthly rent per m², euros. */
export const MATCH_CITIES: ReadonlyArray<[city: string, sale: number, rent: number]> = [
  ['Paris', 10_500, 30],
  ['Lyon', 5_200, 15],
  ['Marseille', 3_800, 13],
  ['Bordeaux', 4_800, 14],
  ['Lille', 3_600, 14],
  ['Nantes', 4_100, 13],
];

/** A demo buyer's or tenant's search (dossier criteria) with a budget that fits the city's prices. */
export function demoSearch(rnd: Rnd, buying: boolean) {
  const [city, sale, rent] = pick(rnd, MATCH_CITIES);
  const rooms = intBetween(rnd, 1, 5);
  const surface = rooms * 21 + 12;
  const price = buying
    ? Math.round((surface * sale * between(rnd, 0.9, 1.25)) / 1000) * 1000
    : Math.round((surface * rent * between(rnd, 0.9, 1.25)) / 10) * 10;
  const criteria: Record<string, unknown> = {
    cities: [city],
    propertyTypes: rooms === 1 ? ['STUDIO', 'APARTMENT'] : rnd() < 0.25 ? ['HOUSE'] : ['APARTMENT', 'DUPLEX'],
    roomsMin: rooms,
    surfaceMin: Math.round(surface * 0.9),
  };
  if (rooms > 1 && rnd() < 0.6) criteria.bedroomsMin = rooms - 1;
  if (rnd() < 0.25) criteria.requiredFeatures = ['ELEVATOR'];
  if (rnd() < 0.4) criteria.niceFeatures = buying ? ['BALCONY', 'PARKING'] : ['FURNISHED'];
  return { city, price, criteria };
}
