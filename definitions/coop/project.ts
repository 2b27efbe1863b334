/** A cooperative's building project (F-10.6): its stages, and the states of its lots. */
export const COOP_PROJECT_STATUSES = [
  'LAND_SECURED',
  'PERMITS',
  'BUILDING',
  'DELIVERY',
  'HANDOVER',
  'CLOSED',
] as const;
export type CoopProjectStatus = (typeof COOP_PROJECT_STATUSES)[number];

export const COOP_LOT_STATUSES = ['AVAILABLE', 'RESERVED', 'ASSIGNED', 'DELIVERED'] as const;
export type CoopLotStatus = (typeof COOP_LOT_STATUSES)[number];
