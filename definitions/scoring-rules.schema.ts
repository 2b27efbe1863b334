import type { FromSchema } from './schema-types.js';

/**
 * A tenant's lead-scoring ruleset: each rule is a JsonLogic condition over the documented guard facts
 * (guard-facts.schema.json) worth some points; a dossier's score is the clamped sum of what matched.
 * `scoring-rules.schema.json` is its JSON copy (kept equal by a unit test).
 */
export const scoringRulesSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://atlas-crm.dev/schemas/scoring-rules.schema.json',
  title: 'Lead scoring rules',
  type: 'object',
  additionalProperties: false,
  required: ['rules'],
  properties: {
    rules: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'label', 'points', 'when'],
        properties: {
          code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', maxLength: 64 },
          label: {
            type: 'object',
            additionalProperties: false,
            required: ['fr', 'en'],
            properties: {
              fr: { type: 'string', minLength: 1, maxLength: 200 },
              en: { type: 'string', minLength: 1, maxLength: 200 },
            },
          },
          points: { type: 'integer', minimum: -100, maximum: 100 },
          when: {
            type: 'object',
            minProperties: 1,
            maxProperties: 1,
            description:
              'JsonLogic rule over the guard facts, e.g. {">=": [{"var": "counts.activities.CALL"}, 1]}',
          },
        },
      },
    },
    hotThreshold: {
      type: 'integer',
      minimum: 0,
      maximum: 100,
      description: 'Score from which a lead counts as hot on the dashboard (default 60).',
    },
  },
} as const;

export type ScoringRuleset = FromSchema<typeof scoringRulesSchema>;
export type ScoringRule = ScoringRuleset['rules'][number];

export const DEFAULT_HOT_THRESHOLD = 60;
