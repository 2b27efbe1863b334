import type { FastifyInstance } from 'fastify';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { diffDefinitions } from '../../../../services/engine/definition-diff.js';
import { bodyOf, loadDefinition } from '../../../../services/engine/definition-store.js';

const tags = ['workflow-definitions'];
const list = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;
const changes = { type: 'object', additionalProperties: true } as const;
const version = {
  type: 'object',
  properties: { id: { type: 'string' }, caseType: { type: 'string' }, version: { type: 'integer' } },
} as const;

/** What changed between two versions (e.g. v1 and the v2 draft), to review before publishing or migrating. */
export default async function definitionDiffRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { from: string; to: string } }>(
    '/workflow-definitions/diff',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary: 'States and transitions added, removed and changed from one version to another',
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: { from: { type: 'string', format: 'uuid' }, to: { type: 'string', format: 'uuid' } },
        },
        response: {
          200: closed({
            type: 'object',
            properties: {
              from: version,
              to: version,
              statesAdded: list,
              statesRemoved: list,
              statesChanged: {
                type: 'array',
                items: { type: 'object', properties: { code: { type: 'string' }, changes } },
              },
              transitionsAdded: list,
              transitionsRemoved: list,
              transitionsChanged: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { from: { type: 'string' }, to: { type: 'string' }, changes },
                },
              },
            },
          } as const),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const from = await loadDefinition(em, request.query.from);
        const to = await loadDefinition(em, request.query.to);
        const meta = (d: typeof from) => ({ id: d.id, caseType: d.caseType, version: d.version });
        return { from: meta(from), to: meta(to), ...diffDefinitions(bodyOf(from), bodyOf(to)) };
      }),
  );
}
