import type { FastifyInstance } from 'fastify';
import { ScoringRuleset } from '../../../../db/entities/index.js';
import { lockScoring, nextScoringVersion, rulesetView } from '../../../../db/scoring.js';
import { pagination, pageQueryProperties, parseSort, sortQuery, type PageQuery } from '../../../lib/list.js';

const RULESET_SORT = ['version', 'status', 'createdAt', 'publishedAt'] as const;
import { errorResponses } from '../../../schemas/shared.js';
import { copyToDraft, replaceDraft } from '../../../../services/engine/versioned-documents.js';
import {
  assertRulesetShape,
  rulesetKind,
  auditRuleset,
  listItemOf,
  loadRuleset,
  parseIfMatch,
} from '../../../../services/engine/scoring-store.js';
import { idParams, noQuery } from '../workflow-definitions/schemas.js';
import { rulesetBody, rulesetPage, rulesetRef } from './schemas.js';

const tags = ['scoring-rules'];
const STATUSES = ['DRAFT', 'PUBLISHED', 'RETIRED'] as const;

/** Reading versions, creating drafts (new or copied) and replacing a draft's rules. */
export default async function scoringCrudRoutes(app: FastifyInstance) {
  app.get<{ Querystring: PageQuery & { status?: string } }>(
    '/scoring-rules',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary: "Every version of the organisation's lead-scoring rules, newest first",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            page: pageQueryProperties.page,
            pageSize: pageQueryProperties.pageSize,
            sort: sortQuery(RULESET_SORT),
            status: { type: 'string', enum: [...STATUSES] },
          },
        },
        response: { 200: rulesetPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { orgId } = request.tenant();
      const { status } = request.query;
      return request.tx(async (em) => {
        const [rows, total] = await em.findAndCount(ScoringRuleset, status ? { status } : {}, {
          orderBy: { ...parseSort(request.query.sort, RULESET_SORT, { version: 'desc' }), id: 'asc' },
          ...pagination(request.query),
        });
        const data = [];
        for (const r of rows) data.push(await listItemOf(em, orgId, r));
        return { data, total };
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/scoring-rules/:id',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: { tags, params: idParams, response: { 200: rulesetRef, ...errorResponses(401, 403, 404) } },
    },
    async (request) =>
      request.tx(async (em) =>
        listItemOf(em, request.tenant().orgId, await loadRuleset(em, request.params.id)),
      ),
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/scoring-rules',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Create a draft (next version number)',
        description:
          'The body must have the shape of a ruleset (400 with JSON-pointer fields otherwise); rule problems (unknown facts, forbidden operators, duplicate codes) are allowed in a draft and reported by /validate.',
        querystring: noQuery,
        body: rulesetBody,
        response: { 201: rulesetRef, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const body = request.body;
      assertRulesetShape(body);
      const created = await request.tx(async (em) => {
        await lockScoring(em, ctx.orgId);
        const ruleset = em.create(ScoringRuleset, {
          orgId: ctx.orgId,
          version: await nextScoringVersion(em, ctx.orgId),
          status: 'DRAFT',
          body: body as unknown as Record<string, unknown>,
          createdBy: ctx.userId ?? null,
        });
        await em.flush();
        await auditRuleset(em, ctx, 'CREATE', ruleset, null);
        return { ...rulesetView(ruleset), isLatestPublished: false };
      });
      return reply.code(201).send(created);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/scoring-rules/:id/draft',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: 'Start a new draft from this version (copy of its rules; basedOnId points back)',
        params: idParams,
        response: { 201: rulesetRef, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const created = await request.tx(async (em) => {
        const ruleset = await copyToDraft(em, ctx, rulesetKind, await loadRuleset(em, request.params.id));
        return { ...rulesetView(ruleset), isLatestPublished: false };
      });
      return reply.code(201).send(created);
    },
  );

  app.put<{ Params: { id: string }; Body: Record<string, unknown>; Headers: { 'if-match'?: string } }>(
    '/scoring-rules/:id',
    {
      config: { permission: 'WORKFLOW_ADMIN' },
      schema: {
        tags,
        summary: "Replace a draft's rules (If-Match: lockVersion for optimistic locking)",
        params: idParams,
        headers: { type: 'object', properties: { 'if-match': { type: 'string', maxLength: 40 } } },
        body: rulesetBody,
        response: { 200: rulesetRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const expected = parseIfMatch(request.headers['if-match']);
      const body = request.body;
      assertRulesetShape(body);
      return request.tx(async (em) => {
        const ruleset = await loadRuleset(em, request.params.id);
        await replaceDraft(
          em,
          ctx,
          rulesetKind,
          ruleset,
          body as unknown as Record<string, unknown>,
          expected,
        );
        return { ...rulesetView(ruleset), isLatestPublished: false };
      });
    },
  );
}
