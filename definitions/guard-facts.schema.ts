import type { FromSchema } from './schema-types.js';

/** Upper-case keys of free maps: activity types, appointment statuses, channels, party roles. */
export const UPPER_KEY_PATTERN = '^[A-Z][A-Z0-9_]*$';

const nullableNumber = { type: ['number', 'null'] } as const;
const nullableString = { type: ['string', 'null'] } as const;
const countsByKey = {
  type: 'object',
  additionalProperties: false,
  required: ['total'],
  properties: { total: { type: 'integer', minimum: 0 } },
  patternProperties: { [UPPER_KEY_PATTERN]: { type: 'integer', minimum: 0 } },
} as const;
const consent = { enum: ['OPT_IN', 'OPT_OUT', null] } as const;

/**
 * The facts a guard may read (F-2.3), written once; `guard-facts.schema.json` is its JSON copy. The static
 * validator walks this schema to refuse `var` paths outside it, so documenting a new fact = adding it here.
 */
export const guardFactsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://atlas-crm.dev/schemas/guard-facts.schema.json',
  title: 'Guard facts',
  description: 'What a transition guard (JsonLogic) can read with {"var": "..."}.',
  type: 'object',
  additionalProperties: false,
  required: ['dossier', 'parties', 'counts', 'consents', 'user', 'daysInState', 'now'],
  properties: {
    dossier: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'caseType', 'statusCode'],
      properties: {
        id: { type: 'string' },
        caseType: { type: 'string' },
        statusCode: { type: 'string' },
        title: nullableString,
        amount: nullableNumber,
        probability: nullableNumber,
        weightedAmount: nullableNumber,
        budgetMin: nullableNumber,
        budgetMax: nullableNumber,
        currency: nullableString,
        source: nullableString,
        assignedAgentId: nullableString,
        contactId: nullableString,
        annonceId: nullableString,
        locationZone: nullableString,
        expectedCloseDate: { ...nullableString, description: 'ISO date (YYYY-MM-DD).' },
        score: nullableNumber,
        createdAt: { type: 'string', description: 'ISO date-time.' },
        criteria: {
          type: 'object',
          description: 'Free keys such as rooms, surface, furnishing.',
          additionalProperties: {},
        },
      },
    },
    parties: {
      type: 'object',
      description: 'Party role code (BUYER, SELLER, TENANT…) → the contacts holding it; count = all parties.',
      additionalProperties: false,
      required: ['count'],
      properties: { count: { type: 'integer', minimum: 0 } },
      patternProperties: {
        [UPPER_KEY_PATTERN]: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['contactId'],
            properties: { contactId: { type: 'string' } },
          },
        },
      },
    },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['activities', 'appointments', 'messages'],
      properties: {
        activities: { ...countsByKey, description: 'By ACTIVITY_TYPE (CALL, VISIT…), plus total.' },
        appointments: { ...countsByKey, description: 'By status (SCHEDULED, DONE…), plus total.' },
        messages: { ...countsByKey, description: 'By channel (EMAIL, SMS, PHONE, WHATSAPP), plus total.' },
        shortlist: {
          ...countsByKey,
          description:
            'Shortlisted properties by current status (SHORTLISTED, PROPOSED, VISITED, SELECTED, REJECTED), plus total.',
        },
        shortlistReached: {
          ...countsByKey,
          description:
            'Shortlisted properties that ever reached each status (a VISITED one also counts in PROPOSED if it was proposed), plus total.',
        },
      },
    },
    matching: {
      type: 'object',
      description: 'Property matching runs of the dossier (POST /dossiers/{id}/matches).',
      additionalProperties: false,
      properties: {
        runs: { type: 'integer', minimum: 0 },
        lastRunAt: { ...nullableString, description: 'ISO date-time of the last run.' },
        lastResultCount: { type: ['integer', 'null'] },
        lastBestScore: { ...nullableNumber, description: 'Best score (0–100) of the last run.' },
      },
    },
    annonce: {
      type: 'object',
      description:
        'Only in ANNONCE (property listing) workflows: the listing being moved. Prices in cents, surface in m².',
      additionalProperties: false,
      properties: {
        id: { type: 'string' },
        reference: { type: 'string' },
        statusCode: { type: 'string' },
        transaction: { enum: ['SALE', 'RENT'] },
        propertyType: nullableString,
        priceCents: { type: 'integer' },
        chargesCents: { type: ['integer', 'null'] },
        surface: nullableNumber,
        rooms: { type: ['integer', 'null'] },
        bedrooms: { type: ['integer', 'null'] },
        floor: { type: ['integer', 'null'] },
        city: { type: 'string' },
        postalCode: nullableString,
        zoneCode: nullableString,
        features: { type: 'array', items: { type: 'string' } },
        energyClass: nullableString,
        hasGeo: { type: 'boolean' },
      },
    },
    consents: {
      type: 'object',
      description: 'Current consent of the dossier contact per channel; null = never asked.',
      additionalProperties: false,
      properties: { EMAIL: consent, SMS: consent, WHATSAPP: consent, PHONE: consent },
    },
    user: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'roles', 'permissions'],
      properties: {
        id: { type: 'string' },
        roles: { type: 'array', items: { type: 'string' } },
        permissions: { type: 'array', items: { type: 'string' } },
      },
    },
    daysInState: { type: 'number', minimum: 0, description: 'Days since the dossier entered its status.' },
    now: { type: 'string', description: 'ISO date-time of the evaluation (workflow time).' },
  },
} as const;

export type GuardFacts = FromSchema<typeof guardFactsSchema>;
export type DossierFacts = GuardFacts['dossier'];
export type ConsentFact = 'OPT_IN' | 'OPT_OUT' | null;
