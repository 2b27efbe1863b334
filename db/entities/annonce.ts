import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

/** The text annonce search reads: reference, title and city (punctuation as spaces, like dossiers). */
export function annonceSearchDocument(alias = ''): string {
  return `regexp_replace(coalesce(${alias}title, '') || ' ' || coalesce(${alias}reference, '') || ' ' || coalesce(${alias}city, ''), '[^[:alnum:]]+', ' ', 'g')`;
}

/**
 * A property listing (F-8.1). Money in integer cents: `priceCents` is the sale price (SALE) or the
 * monthly rent excluding charges (RENT). `statusCode` changes only through the ANNONCE workflow
 * definition, synchronously (db/annonces.ts `transitionAnnonce`).
 */
export const Annonce = defineEntity({
  name: 'Annonce',
  tableName: 'annonce',
  indexes: [
    { properties: ['orgId', 'createdAt'] },
    { properties: ['orgId', 'statusCode'] },
    {
      name: 'annonce_match_city_index',
      properties: ['orgId', 'statusCode', 'transaction', 'cityKey', 'priceCents'],
    },
    {
      name: 'annonce_match_zone_index',
      properties: ['orgId', 'statusCode', 'transaction', 'zoneCode', 'priceCents'],
    },
    { name: 'annonce_match_geo_index', properties: ['orgId', 'statusCode', 'transaction', 'lat', 'lng'] },
    { name: 'annonce_match_price_index', properties: ['orgId', 'statusCode', 'transaction', 'priceCents'] },
    {
      name: 'annonce_features_index',
      expression: 'create index annonce_features_index on annonce using gin (features)',
    },
    {
      name: 'annonce_search_index',
      expression: `create index annonce_search_index on annonce using gin (to_tsvector('atlas_search', ${annonceSearchDocument()}))`,
    },
  ],
  uniques: [{ properties: ['orgId', 'reference'] }],
  properties: {
    ...tenantBaseProperties(),
    reference: p.string().length(32),
    title: p.string().length(300),
    description: p.text().nullable(),
    transaction: p.string().length(8),
    propertyType: p.string().length(64).nullable(),
    priceCents: p.bigint('number'),
    chargesCents: p.bigint('number').nullable(),
    surface: p.decimal('number').precision(9).scale(2).nullable(),
    rooms: p.integer().nullable(),
    bedrooms: p.integer().nullable(),
    floor: p.integer().nullable(),
    address: p.string().length(300).nullable(),
    city: p.string().length(120),
    cityKey: p.string().length(120),
    postalCode: p.string().length(10).nullable(),
    zoneCode: p.string().length(64).nullable(),
    lat: p.double().nullable(),
    lng: p.double().nullable(),
    features: p.array().default([]),
    energyClass: p.string().length(1).nullable(),
    statusCode: p.string().length(64),
    statusChangedAt: p.datetime(),
    definitionId: p.uuid(),
    definitionVersion: p.integer(),
    assignedAgentId: p.uuid().nullable(),
    metaJson: p.json<Record<string, unknown>>(),
  },
});
export type IAnnonce = InferEntity<typeof Annonce>;

export const AnnonceStatusHistory = defineEntity({
  name: 'AnnonceStatusHistory',
  tableName: 'annonce_status_history',
  indexes: [{ properties: ['orgId', 'annonceId', 'at'] }],
  properties: {
    id: p.uuid().primary(),
    orgId: p.uuid(),
    annonceId: p.uuid(),
    fromStatus: p.string().length(64).nullable(),
    toStatus: p.string().length(64),
    actorId: p.uuid().nullable(),
    at: p.datetime(),
    comment: p.text().nullable(),
    definitionVersion: p.integer(),
  },
});
export type IAnnonceStatusHistory = InferEntity<typeof AnnonceStatusHistory>;
