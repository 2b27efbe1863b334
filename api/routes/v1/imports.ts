import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../db/audit.js';
import {
  findImportJob,
  importErrorRows,
  insertImportJob,
  listImportJobs,
  type DuplicatePolicy,
} from '../../../db/imports.js';
import { planContactImport } from '../../../services/crm/contact-import.js';
import {
  CONTACT_IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  checkMapping,
  mapRows,
  readCsv,
  suggestMapping,
} from '../../../services/crm/contact-import-rules.js';
import { ImportErrorCode } from '../../../services/crm/error-codes.js';
import { DomainError } from '../../../services/domain-error.js';
import { contactImport, importWorkflowId } from '../../../workflows/contact-import.js';
import { csvOptions } from '../../lib/csv.js';
import { requireTemporal } from '../../lib/dossier-workflows.js';
import { pagination, pageQueryProperties, type PageQuery } from '../../lib/list.js';
import { errorResponses } from '../../schemas/shared.js';
import { importJobSchema, importPreviewSchema, importReportSchema } from './import-schemas.js';

const tags = ['imports'];
const csvText = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_IMPORT_BYTES,
  description: 'The CSV file as text (UTF-8; `,` `;` or tab; header line first)',
} as const;
/** Fits a 5 MB CSV as a JSON string, escapes included. */
const bodyLimit = 2 * MAX_IMPORT_BYTES;

interface RunBody {
  csv: string;
  fileName?: string;
  mapping: Record<string, string | null>;
  onDuplicate?: DuplicatePolicy;
  dryRun?: boolean;
}

const notFound = () =>
  new DomainError('crm', 'not-found', ImportErrorCode.IMPORT_NOT_FOUND, 'No such import.');

/**
 * CSV import of contacts (issue 19 item 5): preview (columns, a suggested mapping), dry run (what each
 * row would do, with the API's own rules), then a durable job (Temporal) with progress, an error file
 * and an audit of what it created. The CSV travels as JSON text, bounded by the body limit.
 */
export default async function importRoutes(app: FastifyInstance) {
  app.addSchema(importJobSchema);

  app.post<{ Body: { csv: string } }>(
    '/imports/contacts/preview',
    {
      bodyLimit,
      config: { permission: 'CRM_CONTACTS_CREATE' },
      schema: {
        tags,
        summary: 'Read a CSV: its columns, the first rows and a suggested column → field mapping',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['csv'],
          properties: { csv: csvText },
        },
        response: { 200: importPreviewSchema, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const table = readCsv(request.body.csv);
      return {
        columns: table.columns,
        sample: table.rows.slice(0, 5),
        rows: table.rows.length,
        fields: [...CONTACT_IMPORT_FIELDS],
        suggestedMapping: suggestMapping(table.columns),
      };
    },
  );

  app.post<{ Body: RunBody }>(
    '/imports/contacts',
    {
      bodyLimit,
      config: { permission: 'CRM_CONTACTS_CREATE' },
      schema: {
        tags,
        summary: 'Dry-run (default) or start the import of a CSV of contacts with a column mapping',
        description:
          'Duplicates are matched on email, then phone (E.164), against the organisation and earlier lines: `skip` them, `update` the contact, or `create` anyway (refused when the email matches). With `dryRun: false` the job runs durably and answers 202 with its progress.',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['csv', 'mapping'],
          properties: {
            csv: csvText,
            fileName: { type: 'string', maxLength: 255 },
            mapping: {
              type: 'object',
              maxProperties: 200,
              description:
                'CSV column → field (firstName, lastName, email, phone, source, tags) or null to ignore it',
              additionalProperties: { type: ['string', 'null'], maxLength: 32 },
            },
            onDuplicate: { type: 'string', enum: ['skip', 'update', 'create'], default: 'skip' },
            dryRun: { type: 'boolean', default: true },
          },
        },
        response: {
          200: importReportSchema,
          202: { $ref: 'ImportJob#' },
          ...errorResponses(400, 401, 403, 413, 503),
        },
      },
    },
    async (request, reply) => {
      const { csv, mapping, onDuplicate = 'skip', dryRun = true } = request.body;
      const table = readCsv(csv);
      checkMapping(table.columns, mapping);
      const rows = mapRows(table, mapping);
      const orgId = request.tenant().orgId;
      if (dryRun) {
        const plan = await request.tx((em) => planContactImport(em, orgId, rows, onDuplicate));
        const count = (a: string) => plan.filter((p) => p.action === a).length;
        return {
          total: plan.length,
          create: count('create'),
          update: count('update'),
          skip: count('skip'),
          error: count('error'),
          // The rows a person needs to look at; the ones created as they are go unlisted.
          rows: plan.filter((p) => p.action !== 'create').slice(0, 1000),
        };
      }
      const temporal = requireTemporal(app.temporal);
      const actor = { ...request.tenant(), userId: request.principal!.userId };
      const id = randomUUID();
      const job = await request.tx(async (em) => {
        await insertImportJob(em, {
          id,
          orgId,
          kind: 'contacts',
          onDuplicate,
          fileName: request.body.fileName ?? null,
          rows,
          createdBy: actor.userId,
        });
        await recordAudit(em, actor, {
          entityType: 'ImportJob',
          entityId: id,
          action: 'CREATE',
          after: {
            kind: 'contacts',
            rows: rows.length,
            onDuplicate,
            fileName: request.body.fileName ?? null,
          },
        });
        return (await findImportJob(em, id))!;
      });
      // After the commit: the job exists before its workflow reads it.
      await temporal.workflow.start(contactImport, {
        taskQueue: app.env.TEMPORAL_TASK_QUEUE,
        workflowId: importWorkflowId(id),
        args: [{ orgId, userId: actor.userId, jobId: id, total: rows.length }],
      });
      return reply.code(202).send(job);
    },
  );

  app.get<{ Querystring: PageQuery }>(
    '/imports',
    {
      config: { permission: 'CRM_CONTACTS_CREATE' },
      schema: {
        tags,
        summary: 'Import jobs of the organisation, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageQueryProperties,
            sort: { type: 'string', enum: ['-createdAt'], default: '-createdAt' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['data', 'total'],
            properties: {
              data: { type: 'array', items: { $ref: 'ImportJob#' } },
              total: { type: 'integer' },
            },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { limit, offset } = pagination(request.query);
      return request.tx((em) => listImportJobs(em, limit, offset));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/imports/:id',
    {
      config: { permission: 'CRM_CONTACTS_CREATE' },
      schema: {
        tags,
        summary: 'An import job and its progress',
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'ImportJob#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const job = await findImportJob(em, request.params.id);
        if (!job) throw notFound();
        return job;
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/imports/:id/errors',
    {
      config: { permission: 'CRM_CONTACTS_CREATE' },
      schema: {
        tags,
        summary: 'The refused lines as CSV: line, field, code, reason, then the values read',
        params: { $ref: 'IdParams#' },
        produces: ['text/csv'],
        response: { ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const rows = await request.tx(async (em) => {
        if (!(await findImportJob(em, request.params.id))) throw notFound();
        return importErrorRows(em, request.params.id);
      });
      const columns = ['line', 'field', 'code', 'reason', ...CONTACT_IMPORT_FIELDS];
      const csv = stringify(
        rows.flatMap((r) =>
          r.errors.map((e) => [
            String(r.line),
            e.field,
            e.code,
            e.message,
            ...CONTACT_IMPORT_FIELDS.map((f) => r.values[f] ?? ''),
          ]),
        ),
        csvOptions(columns),
      );
      return reply
        .header('content-disposition', `attachment; filename="import-${request.params.id}-errors.csv"`)
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );
}
