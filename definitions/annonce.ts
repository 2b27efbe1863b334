/**
 * Property listings (annonces, F-8.1): shared constants of the API, the seed and the admin UI. Pure.
 * Money is in integer cents (price of a SALE, monthly rent excluding charges of a RENT); surfaces in m².
 */

/** The case type of the listing status workflow (definitions/templates/annonce.json). */
export const ANNONCE_CASE_TYPE = 'ANNONCE';
/** Only listings in this status are matched against dossiers. */
export const MATCHABLE_STATUS = 'AVAILABLE';

export const TRANSACTIONS = ['SALE', 'RENT'] as const;
export type Transaction = (typeof TRANSACTIONS)[number];

export const ENERGY_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;

/** "Lyon", " lyon ", "LYÔN" → "lyon": how cities are compared (stored as annonce.city_key). */
export function cityKey(city: string): string {
  return city
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The transaction a dossier looks for, from its case type (ACHAT buys, LOCATION rents). */
export function transactionOfCaseType(caseType: string): Transaction | null {
  if (caseType === 'ACHAT') return 'SALE';
  if (caseType === 'LOCATION') return 'RENT';
  return null;
}
