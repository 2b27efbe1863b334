import { ENERGY_CLASSES, TRANSACTIONS } from '../../../../definitions/annonce.js';
import { closed } from '../../../schemas/closed.js';

const nullableString = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;
const nullableNumber = { type: ['number', 'null'] } as const;
const code = { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' } as const;
const MONEY = 'integer cents (312 000 € = 31200000)';

export const annonceSchema = closed({
  $id: 'Annonce',
  type: 'object',
  description: `A property listing. Money in ${MONEY}; surface in m².`,
  properties: {
    id: { type: 'string' },
    reference: { type: 'string', description: 'Unique in the organisation' },
    title: { type: 'string' },
    description: nullableString,
    transaction: { type: 'string', enum: [...TRANSACTIONS] },
    propertyType: { ...nullableString, description: 'PROPERTY_TYPE dictionary code' },
    priceCents: {
      type: 'integer',
      description: `Sale price (SALE) or monthly rent excluding charges (RENT), ${MONEY}`,
    },
    chargesCents: { ...nullableInteger, description: `Monthly charges, ${MONEY}` },
    surface: { ...nullableNumber, description: 'm²' },
    rooms: nullableInteger,
    bedrooms: nullableInteger,
    floor: nullableInteger,
    address: nullableString,
    city: { type: 'string' },
    postalCode: nullableString,
    zoneCode: { ...nullableString, description: 'ZONE dictionary code (quartier)' },
    lat: nullableNumber,
    lng: nullableNumber,
    features: { type: 'array', items: { type: 'string' }, description: 'FEATURE dictionary codes' },
    energyClass: { ...nullableString, enum: [...ENERGY_CLASSES, null] },
    statusCode: { type: 'string', description: 'Status in the ANNONCE workflow (AVAILABLE, UNDER_OFFER…)' },
    statusChangedAt: { type: 'string', format: 'date-time' },
    definitionVersion: { type: 'integer' },
    assignedAgentId: nullableString,
    metaJson: { type: 'object', additionalProperties: true },
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    createdBy: nullableString,
  },
} as const);

const editable = {
  title: { type: 'string', minLength: 1, maxLength: 300 },
  description: { type: ['string', 'null'], maxLength: 20000 },
  transaction: { type: 'string', enum: [...TRANSACTIONS] },
  propertyType: { ...code, type: ['string', 'null'] },
  priceCents: { type: 'integer', minimum: 0, maximum: 1e13, description: MONEY },
  chargesCents: { type: ['integer', 'null'], minimum: 0, maximum: 1e11, description: MONEY },
  surface: { type: ['number', 'null'], minimum: 0, maximum: 1000000, description: 'm²' },
  rooms: { type: ['integer', 'null'], minimum: 0, maximum: 200 },
  bedrooms: { type: ['integer', 'null'], minimum: 0, maximum: 200 },
  floor: { type: ['integer', 'null'], minimum: -10, maximum: 300 },
  address: { type: ['string', 'null'], maxLength: 300 },
  city: { type: 'string', minLength: 1, maxLength: 120 },
  postalCode: { type: ['string', 'null'], pattern: '^[0-9A-Za-z -]{2,10}$' },
  zoneCode: { ...code, type: ['string', 'null'] },
  lat: { type: ['number', 'null'], minimum: -90, maximum: 90 },
  lng: { type: ['number', 'null'], minimum: -180, maximum: 180 },
  features: { type: 'array', maxItems: 50, uniqueItems: true, items: code },
  energyClass: { type: ['string', 'null'], enum: [...ENERGY_CLASSES, null] },
  assignedAgentId: { type: ['string', 'null'], format: 'uuid' },
  metaJson: { type: 'object', maxProperties: 100, additionalProperties: true },
} as const;

export const createAnnonceBody = {
  type: 'object',
  required: ['title', 'transaction', 'priceCents', 'city'],
  additionalProperties: false,
  properties: {
    reference: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_./-]{0,31}$',
      description: 'Default: generated (A-2026-1A2B3C4D)',
    },
    ...editable,
  },
} as const;

export const patchAnnonceBody = {
  type: 'object',
  required: ['version'],
  additionalProperties: false,
  minProperties: 2,
  properties: {
    version: { type: 'integer', minimum: 1, description: 'The version you read; stale → 409' },
    reference: createAnnonceBody.properties.reference,
    ...editable,
  },
} as const;

export type { AnnonceInput } from '../../../../services/listings/annonces.js';

const codes = { type: 'array', items: code, maxItems: 30 } as const;
export const annonceListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 25 },
    sort: {
      type: 'string',
      maxLength: 200,
      description:
        'createdAt, updatedAt, priceCents, surface, rooms, reference, title, statusChangedAt; `-` = desc',
    },
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'Prefix search in title, reference, city',
    },
    transaction: { type: 'string', enum: [...TRANSACTIONS] },
    statusCode: codes,
    propertyType: codes,
    zoneCode: codes,
    city: { type: 'string', minLength: 1, maxLength: 120 },
    priceMin: { type: 'integer', minimum: 0, description: MONEY },
    priceMax: { type: 'integer', minimum: 0, description: MONEY },
    surfaceMin: { type: 'number', minimum: 0 },
    roomsMin: { type: 'integer', minimum: 0 },
    bedroomsMin: { type: 'integer', minimum: 0 },
    features: { ...codes, description: 'Listings having all of these' },
    assignedAgentId: { type: 'string', format: 'uuid' },
  },
} as const;

export interface AnnonceListQuery {
  page: number;
  pageSize: number;
  sort?: string;
  q?: string;
  transaction?: 'SALE' | 'RENT';
  statusCode?: string[];
  propertyType?: string[];
  zoneCode?: string[];
  city?: string;
  priceMin?: number;
  priceMax?: number;
  surfaceMin?: number;
  roomsMin?: number;
  bedroomsMin?: number;
  features?: string[];
  assignedAgentId?: string;
}
