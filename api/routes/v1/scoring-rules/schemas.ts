/** JSON schemas of the /scoring-rules routes (the ruleset itself is checked by validateScoring). */

const nullableString = { type: ['string', 'null'] } as const;

export const rulesetSchema = {
  $id: 'ScoringRulesetVersion',
  type: 'object',
  required: ['id', 'version', 'status', 'ruleset', 'lockVersion'],
  properties: {
    id: { type: 'string' },
    version: { type: 'integer' },
    status: { type: 'string', enum: ['DRAFT', 'PUBLISHED', 'RETIRED'] },
    ruleset: {
      type: 'object',
      additionalProperties: true,
      description:
        'The rules: { rules: [{ code, label, points, when }], hotThreshold? } (scoring-rules.schema.json)',
    },
    publishedAt: nullableString,
    publishedBy: nullableString,
    retiredAt: nullableString,
    basedOnId: nullableString,
    lockVersion: { type: 'integer', description: 'Send as If-Match when replacing a draft' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    isLatestPublished: { type: 'boolean', description: 'The ruleset scores are computed with' },
    rescore: { $ref: 'ScoringRescoreJob#' },
  },
} as const;

export const rescoreJobSchema = {
  $id: 'ScoringRescoreJob',
  type: 'object',
  description: 'The background job (Temporal workflow) rescoring every open dossier after a publish',
  required: ['workflowId', 'status'],
  properties: {
    workflowId: { type: 'string', description: 'Visible in the Temporal UI' },
    status: { type: 'string', enum: ['RUNNING', 'COMPLETED', 'FAILED', 'NOT_STARTED'] },
    rescored: { type: ['integer', 'null'], description: 'Open dossiers rescored so far' },
    rulesetVersion: { type: ['integer', 'null'] },
  },
} as const;

export const rescoreJobRef = { $ref: 'ScoringRescoreJob#' } as const;

export const rulesetRef = { $ref: 'ScoringRulesetVersion#' } as const;

export const rulesetPage = {
  type: 'object',
  required: ['data', 'total'],
  properties: { data: { type: 'array', items: rulesetRef }, total: { type: 'integer' } },
} as const;

export const rulesetBody = {
  type: 'object',
  description: 'A scoring ruleset: { rules: [...], hotThreshold? } (scoring-rules.schema.json)',
  additionalProperties: true,
} as const;

export const simulateBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    dossierId: { type: 'string', format: 'uuid', description: "Score this dossier's real facts" },
    facts: { type: 'object', additionalProperties: true, description: 'Hand-written guard facts' },
  },
} as const;

export const simulateResult = {
  type: 'object',
  required: ['score', 'matched'],
  properties: {
    score: { type: 'integer' },
    hot: { type: 'boolean' },
    matched: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'points'],
        properties: { code: { type: 'string' }, points: { type: 'integer' } },
      },
    },
  },
} as const;
