import type { Reply, Schemas, Sent } from '../../api/client';

/** A property listing as the API sends it (money in integer cents, surface in m²). */
export type Annonce = Sent<Schemas['Annonce']>;
export type AnnonceHistoryRow = Reply<'/api/v1/annonces/{id}/history', 'get'>['data'][number];

export { ENERGY_CLASSES } from '../../../../definitions/annonce.js';

/** Cents → euros for display and form inputs (null stays null). */
export const toEuros = (cents: number | null | undefined): number | null =>
  cents === null || cents === undefined ? null : cents / 100;

/** Euros typed in a form → integer cents for the API. */
export const toCents = (euros: number | string | null | undefined): number | null => {
  if (euros === null || euros === undefined || euros === '') return null;
  const n = typeof euros === 'number' ? euros : Number(euros);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
};
