import type { FastifyInstance } from 'fastify';
import dossierConsentRoutes from './consents.js';
import dossierWorkflowRoutes from './workflow.js';
import matchingRoutes from './matching.js';
import partyRoutes from './parties.js';
import shortlistRoutes from './shortlist.js';
import dossierTransitionRoutes from './transitions.js';
import { dossierView } from '../../../../db/dossier-view.js';
import { checkNewDossier, editDossier, loadDossier } from '../../../../services/crm/dossier-edit.js';
import { checkDossierSearch } from '../../../../services/listings/dossier-search.js';
import { requireTemporal } from '../../../lib/dossier-workflows.js';
import { idempotencyKeyOf, requestHash } from '../../../lib/idempotency.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { createDossier, type DossierInput } from '../../../services/dossiers.js';
import { listDossiers, kanban } from './queries.js';
import workspaceRoutes from './workspace.js';
import { createDossierBody, dossierSchema, listQuery, patchDossierBody, type ListQuery } from './schemas.js';

const tags = ['dossiers'];
const page = {
  type: 'object',
  required: ['data', 'total'],
  properties: { data: { type: 'array', items: { $ref: 'Dossier#' } }, total: { type: 'integer' } },
} as const;

export default async function dossierRoutes(app: FastifyInstance) {
  await app.register(partyRoutes);
  await app.register(dossierConsentRoutes);
  await app.register(dossierWorkflowRoutes);
  await app.register(matchingRoutes);
  await app.register(shortlistRoutes);
  app.addSchema(dossierSchema);
  // After the Dossier schema: the workspace answer refers to it.
  await app.register(workspaceRoutes);

  app.post<{ Body: DossierInput }>(
    '/dossiers',
    {
      config: { permission: 'CRM_DEALS_CREATE' },
      schema: {
        tags,
        summary: 'Create a dossier; its workflow starts on the latest published pipeline version',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
        body: createDossierBody,
        response: { 201: { $ref: 'Dossier#' }, ...errorResponses(400, 401, 403, 409, 422, 503) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const ctx = { ...request.tenant(), orgSlug: request.principal!.orgSlug };
      const body = request.body;
      checkNewDossier(body);
      await request.tx((em) => checkDossierSearch(em, body));
      const answer = await createDossier(
        {
          orm: app.orm,
          temporal: requireTemporal(app.temporal),
          taskQueue: app.env.TEMPORAL_TASK_QUEUE,
          historyLimit: app.env.DOSSIER_HISTORY_LIMIT,
        },
        ctx,
        body,
        key ? { scope: 'POST /dossiers', key, hash: requestHash(body) } : undefined,
      );
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/dossiers',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary: 'List, filter, search and sort dossiers',
        querystring: listQuery,
        response: { 200: page, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => request.tx((em) => listDossiers(em, request.tenant().orgId, request.query)),
  );

  app.get<{ Querystring: { caseType: string; pageSize?: number } }>(
    '/dossiers/kanban',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary:
          'Kanban columns of a case type: every status of its latest pipeline with count and first cards',
        querystring: {
          type: 'object',
          required: ['caseType'],
          additionalProperties: false,
          properties: {
            caseType: { type: 'string', maxLength: 64 },
            pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          },
        },
        response: {
          200: closed({
            type: 'object',
            properties: {
              caseType: { type: 'string' },
              definitionVersion: { type: 'integer' },
              columns: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    statusCode: { type: 'string' },
                    label: { type: 'string' },
                    terminal: { type: 'boolean' },
                    total: { type: 'integer' },
                    data: { type: 'array', items: { $ref: 'Dossier#' } },
                  },
                },
              },
            },
          } as const),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx((em) =>
        kanban(em, request.tenant().orgId, request.query.caseType, request.query.pageSize ?? 20),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/dossiers/:id',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'Dossier#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => request.tx(async (em) => dossierView(await loadDossier(em, request.params.id))),
  );

  app.patch<{ Params: { id: string }; Body: Partial<DossierInput> & { version: number } }>(
    '/dossiers/:id',
    {
      config: { permission: 'CRM_DEALS_EDIT' },
      schema: {
        tags,
        summary: 'Edit business fields (optimistic locking)',
        params: { $ref: 'IdParams#' },
        body: patchDossierBody,
        response: { 200: { $ref: 'Dossier#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const { version, ...changes } = request.body;
      return request.tx((em) => editDossier(em, ctx, request.params.id, version, changes));
    },
  );

  // Registered last, so the OpenAPI document keeps the dossier paths in their order.
  await app.register(dossierTransitionRoutes);
}
