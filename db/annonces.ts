import type { IAnnonce } from './entities/index.js';

/** The listing as the API returns it. Prices in integer cents, surface in m². */
export function annonceView(a: IAnnonce) {
  return {
    id: a.id,
    reference: a.reference,
    title: a.title,
    description: a.description ?? null,
    transaction: a.transaction as 'SALE' | 'RENT',
    propertyType: a.propertyType ?? null,
    priceCents: Number(a.priceCents),
    chargesCents: a.chargesCents === null || a.chargesCents === undefined ? null : Number(a.chargesCents),
    surface: a.surface === null || a.surface === undefined ? null : Number(a.surface),
    rooms: a.rooms ?? null,
    bedrooms: a.bedrooms ?? null,
    floor: a.floor ?? null,
    address: a.address ?? null,
    city: a.city,
    postalCode: a.postalCode ?? null,
    zoneCode: a.zoneCode ?? null,
    lat: a.lat === null || a.lat === undefined ? null : Number(a.lat),
    lng: a.lng === null || a.lng === undefined ? null : Number(a.lng),
    features: [...(a.features ?? [])],
    energyClass: a.energyClass ?? null,
    statusCode: a.statusCode,
    statusChangedAt: a.statusChangedAt.toISOString(),
    definitionVersion: a.definitionVersion,
    assignedAgentId: a.assignedAgentId ?? null,
    metaJson: a.metaJson ?? {},
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    createdBy: a.createdBy ?? null,
  };
}
export type AnnonceView = ReturnType<typeof annonceView>;
