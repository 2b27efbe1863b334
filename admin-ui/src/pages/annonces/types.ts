/** A property listing as the API returns it (money in integer cents, surface in m²). */
export interface Annonce {
  id: string;
  reference: string;
  title: string;
  description: string | null;
  transaction: 'SALE' | 'RENT';
  propertyType: string | null;
  priceCents: number;
  chargesCents: number | null;
  surface: number | null;
  rooms: number | null;
  bedrooms: number | null;
  floor: number | null;
  address: string | null;
  city: string;
  postalCode: string | null;
  zoneCode: string | null;
  lat: number | null;
  lng: number | null;
  features: string[];
  energyClass: string | null;
  statusCode: string;
  statusChangedAt: string;
  definitionVersion: number;
  assignedAgentId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AnnonceHistoryRow {
  from: string | null;
  to: string;
  actorId: string | null;
  at: string;
  comment: string | null;
  definitionVersion: number;
}

export const ENERGY_CLASSES = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;

/** Cents → euros for display and form inputs (null stays null). */
export const toEuros = (cents: number | null | undefined): number | null =>
  cents === null || cents === undefined ? null : cents / 100;

/** Euros typed in a form → integer cents for the API. */
export const toCents = (euros: number | string | null | undefined): number | null => {
  if (euros === null || euros === undefined || euros === '') return null;
  const n = typeof euros === 'number' ? euros : Number(euros);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
};
