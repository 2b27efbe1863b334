/** The answers of the CSV import routes (issue 19), with what is always there listed as required. */
const rowError = {
  type: 'object',
  additionalProperties: false,
  required: ['field', 'code', 'message'],
  properties: {
    field: { type: 'string' },
    code: { type: 'string' },
    message: { type: 'string', description: 'English, for API users; clients phrase `code`' },
    params: { type: 'object', additionalProperties: true },
  },
} as const;

export const importPreviewSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['columns', 'sample', 'rows', 'fields', 'suggestedMapping'],
  properties: {
    columns: { type: 'array', items: { type: 'string' } },
    sample: {
      type: 'array',
      items: { type: 'array', items: { type: 'string' } },
      description: 'The first 5 rows',
    },
    rows: { type: 'integer', description: 'Data rows (the header excluded)' },
    fields: { type: 'array', items: { type: 'string' } },
    suggestedMapping: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
  },
} as const;

export const importReportSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['total', 'create', 'update', 'skip', 'error', 'rows'],
  properties: {
    total: { type: 'integer' },
    create: { type: 'integer' },
    update: { type: 'integer' },
    skip: { type: 'integer' },
    error: { type: 'integer' },
    rows: {
      type: 'array',
      description: 'The rows that are not plainly created (duplicates and refusals), at most 1000',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['line', 'action', 'errors', 'duplicateOf'],
        properties: {
          line: { type: 'integer', description: 'As the spreadsheet numbers it (header = 1)' },
          action: { type: 'string', enum: ['create', 'update', 'skip', 'error'] },
          errors: { type: 'array', items: rowError },
          duplicateOf: {
            type: ['object', 'null'],
            additionalProperties: false,
            required: ['by'],
            properties: {
              contactId: { type: 'string' },
              line: { type: 'integer' },
              by: { type: 'string', enum: ['email', 'phone'] },
            },
          },
        },
      },
    },
  },
} as const;

export const importJobSchema = {
  $id: 'ImportJob',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'kind',
    'status',
    'onDuplicate',
    'fileName',
    'total',
    'created',
    'updated',
    'skipped',
    'failed',
    'createdBy',
    'createdAt',
    'finishedAt',
  ],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['contacts'] },
    status: { type: 'string', enum: ['RUNNING', 'DONE', 'FAILED'] },
    onDuplicate: { type: 'string', enum: ['skip', 'update', 'create'] },
    fileName: { type: ['string', 'null'] },
    total: { type: 'integer' },
    created: { type: 'integer' },
    updated: { type: 'integer' },
    skipped: { type: 'integer' },
    failed: { type: 'integer' },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;
