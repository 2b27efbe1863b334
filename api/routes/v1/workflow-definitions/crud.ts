import type { FastifyInstance } from 'fastify';
import { nextVersion } from '../../../../db/definitions.js';
import { WorkflowDefinition } from '../../../../db/entities/index.js';
import { pagination, pageQueryProperties, parseSort, sortQuery, type PageQuery } from '../../../lib/list.js';

const DEFINITION_SORT = ['caseType', 'version', 'status', 'createdAt', 'publishedAt'] as const;
import { errorResponses } from '../../../schemas/shared.js';
import { copyToDraft, replaceDraft } from '../../../../services/engine/versioned-documents.js';
import {
  definitionKind,
  assertDefinitionShape,
  auditDefinition,
  latestPublishedVersions,
  listItem,
  loadDefinition,
  lockCaseType,
  parseIfMatch,
} from '../../../../services/engine/definition-store.js';
import { definitionBody, definitionPage, definitionRef, idParams, noQuery } from './schemas.js';

const tags = ['workflow-definitions'];
const STATUSES = ['DRAFT', 'PUBLISHED', 'RETIRED'] as const;

/** Reading versions, creating drafts (new or copied) and replacing a draft's body. */
export default async function definitionCrudRoutes(app: FastifyInstance) {
  app.get<{ Querystring: PageQuery & { caseType?: string; status?: string } }>(
    '/workflow-definitions',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary: 'Every version of every case type, newest first per case type',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: pageQueryProperties.page,
            pageSize: pageQueryProperties.pageSize,
            sort: sortQuery(DEFINITION_SORT),
            caseType: { type: 'string', maxLength: 64 },
            status: { type: 'string', enum: [...STATUSES] },
          },
        },
        response: { 200: definitionPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { caseType, status } = request.query;
      return request.tx(async (em) => {
        const where = { ...(caseType ? { caseType } : {}), ...(status ? { status } : {}) };
        const [rows, total] = await em.findAndCount(WorkflowDefinition, where, {
          orderBy: {
            ...parseSort(request.query.sort, DEFINITION_SORT, { caseType: 'asc', version: 'desc' }),
            id: 'asc',
          },
          ...pagination(request.query),
        });
        const latest = await latestPublishedVersions(em);
        return { data: rows.map((d) => listItem(d, latest)), total };
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/workflow-definitions/:id',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: { tags, params: idParams, response: { 200: definitionRef, ...errorResponses(401, 403, 404) } },
    },
    async (request) =>
      request.tx(async (em) =>
        listItem(await loadDefinition(em, request.params.id), await latestPublishedVersions(em)),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/workflow-definitions/:id/versions',
    {
      config: { permission: 'CRM_DEALS_VIEW', list: { sort: ['version', 'status', 'createdAt'] } },
      schema: {
        tags,
        summary: 'All versions of the same case type, newest first',
        params: idParams,
        response: { 200: definitionPage, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const def = await loadDefinition(em, request.params.id);
        const rows = await em.find(
          WorkflowDefinition,
          { caseType: def.caseType },
          { orderBy: { version: 'desc' } },
        );
        const latest = await latestPublishedVersions(em);
        return { data: rows.map((d) => listItem(d, latest)), total: rows.length };
      }),
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/workflow-definitions',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Create a draft (next version number of its case type)',
        description:
          'The body must have the shape of a definition (400 with JSON-pointer fields otherwise); static problems (unreachable states, unknown codes…) are allowed in a draft and reported by /validate. To start from an existing version use POST /workflow-definitions/:id/draft.',
        querystring: noQuery,
        body: definitionBody,
        response: { 201: definitionRef, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const body = request.body;
      assertDefinitionShape(body);
      const created = await request.tx(async (em) => {
        await lockCaseType(em, ctx.orgId, body.caseType);
        const def = em.create(WorkflowDefinition, {
          orgId: ctx.orgId,
          caseType: body.caseType,
          version: await nextVersion(em, body.caseType),
          status: 'DRAFT',
          name: (body.name as Record<string, string> | undefined) ?? { en: body.caseType },
          body: body as unknown as Record<string, unknown>,
          createdBy: ctx.userId ?? null,
        });
        await em.flush();
        await auditDefinition(em, ctx, 'CREATE', def, null);
        return listItem(def, new Map());
      });
      return reply.code(201).send(created);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/workflow-definitions/:id/draft',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Start a new draft from this version (copy of its body; basedOnId points back)',
        params: idParams,
        response: { 201: definitionRef, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const created = await request.tx(async (em) => {
        const def = await copyToDraft(em, ctx, definitionKind, await loadDefinition(em, request.params.id));
        return listItem(def, new Map());
      });
      return reply.code(201).send(created);
    },
  );

  app.put<{ Params: { id: string }; Body: Record<string, unknown>; Headers: { 'if-match'?: string } }>(
    '/workflow-definitions/:id',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: "Replace a draft's definition (If-Match: lockVersion for optimistic locking)",
        params: idParams,
        headers: { type: 'object', properties: { 'if-match': { type: 'string', maxLength: 40 } } },
        body: definitionBody,
        response: { 200: definitionRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const expected = parseIfMatch(request.headers['if-match']);
      const body = request.body;
      assertDefinitionShape(body);
      return request.tx(async (em) => {
        const def = await loadDefinition(em, request.params.id);
        await replaceDraft(
          em,
          ctx,
          definitionKind,
          def,
          body as unknown as Record<string, unknown>,
          expected,
        );
        return listItem(def, new Map());
      });
    },
  );
}
