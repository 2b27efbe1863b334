import type { FastifyRequest } from 'fastify';

/** JSON schemas of the workflow-definition routes (the definition body itself is checked by validateDefinition). */

/** preValidation of POSTs whose body fields are all optional: no body validates as `{}`. */
export const emptyBodyAsObject = async (request: FastifyRequest) => {
  request.body ??= {};
};

const nullableString = { type: ['string', 'null'] } as const;

export const definitionSchema = {
  $id: 'WorkflowDefinitionVersion',
  type: 'object',
  required: ['id', 'caseType', 'version', 'status', 'definition', 'lockVersion'],
  properties: {
    id: { type: 'string' },
    caseType: { type: 'string' },
    version: { type: 'integer' },
    status: { type: 'string', enum: ['DRAFT', 'PUBLISHED', 'RETIRED'] },
    name: { type: 'object', additionalProperties: { type: 'string' } },
    definition: {
      type: 'object',
      additionalProperties: true,
      description: 'The definition: caseType, name, states, transitions (workflow-definition.schema.json)',
    },
    publishedAt: nullableString,
    publishedBy: nullableString,
    retiredAt: nullableString,
    basedOnId: nullableString,
    lockVersion: { type: 'integer', description: 'Send as If-Match when replacing a draft' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    isLatestPublished: {
      type: 'boolean',
      description: 'The version new dossiers of this case type start on',
    },
  },
} as const;

export const definitionRef = { $ref: 'WorkflowDefinitionVersion#' } as const;

export const definitionPage = {
  type: 'object',
  required: ['data', 'total'],
  properties: { data: { type: 'array', items: definitionRef }, total: { type: 'integer' } },
} as const;

/** The definition JSON as the request body; its shape is checked in the handler to answer JSON-pointer paths. */
export const definitionBody = {
  type: 'object',
  description:
    'A workflow definition: { caseType, name, states, transitions } (workflow-definition.schema.json)',
  additionalProperties: true,
} as const;

const definitionProblemItem = {
  type: 'object',
  required: ['path', 'field', 'message'],
  properties: {
    path: { type: 'string', description: 'JSON pointer into the definition ("" = the whole document)' },
    field: { type: 'string' },
    message: { type: 'string' },
    code: { type: 'string' },
    params: {
      type: 'object',
      description: 'What the code names (state, from, to, value…), for a client to phrase it',
      additionalProperties: { type: ['string', 'number'] },
    },
  },
} as const;

export const validationResult = {
  type: 'object',
  required: ['valid', 'errors'],
  properties: { valid: { type: 'boolean' }, errors: { type: 'array', items: definitionProblemItem } },
} as const;

/** 422 of publish: a problem whose `errors` are the definition problems (path, message, code). */
export const invalidDefinitionProblem = {
  type: 'object',
  additionalProperties: true,
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    correlationId: { type: 'string' },
    errors: { type: 'array', items: definitionProblemItem },
  },
} as const;

export const idParams = { $ref: 'IdParams#' } as const;

export const noQuery = { type: 'object', additionalProperties: false, properties: {} } as const;
