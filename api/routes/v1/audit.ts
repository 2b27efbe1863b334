import type { FastifyInstance } from 'fastify';
import { verifyAuditChain } from '../../../db/audit.js';
import { auditActors, auditLogPage } from '../../services/audit-log.js';
import { pagination, pageQueryProperties, type PageQuery } from '../../lib/list.js';
import { closed, errorResponses, pageOf } from '../../schemas/shared.js';

interface AuditQuery extends PageQuery {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

export default async function auditRoutes(app: FastifyInstance) {
  const tags = ['audit'];

  app.get<{ Querystring: AuditQuery }>(
    '/audit',
    {
      config: { permission: 'AUDIT_VIEW' },
      schema: {
        tags,
        summary: 'Audit trail of the organisation, newest first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageQueryProperties,
            entityType: { type: 'string', maxLength: 64 },
            entityId: { type: 'string', maxLength: 128 },
            action: { type: 'string', maxLength: 32 },
            actorId: { type: 'string', format: 'uuid' },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
          },
        },
        response: { 200: pageOf('AuditEvent'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      request.tx((em) => auditLogPage(em, { ...request.query, ...pagination(request.query) })),
  );

  app.get(
    '/audit/actors',
    {
      config: { permission: 'AUDIT_VIEW', list: { sort: ['fullName'], maxPageSize: 1000 } },
      schema: {
        tags,
        summary: 'The users who appear in the audit trail (inactive ones too), by name: to filter by user',
        response: {
          200: {
            type: 'object',
            required: ['data'],
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'fullName', 'isActive'],
                  properties: {
                    id: { type: 'string', format: 'uuid' },
                    fullName: { type: 'string' },
                    isActive: { type: 'boolean' },
                  },
                },
              },
            },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => ({ data: await request.tx((em) => auditActors(em)) }),
  );

  app.get(
    '/audit/verify',
    {
      config: { permission: 'AUDIT_VIEW' },
      schema: {
        tags,
        summary:
          "Recompute the organisation's audit hash chain (sealed rows) and content hashes (unsealed rows)",
        description:
          'Audit rows are sealed after commit: the writer stores a hash of the row itself, a sealer gives ' +
          'rows their chain position (`seq`) within about a second. Sealed rows are checked against their ' +
          'content hash and their link to the previous row; rows not sealed yet against their content hash.',
        response: {
          200: closed({
            type: 'object',
            required: ['valid', 'count', 'breaks', 'sealedThrough', 'unsealed', 'lagMs'],
            properties: {
              valid: { type: 'boolean' },
              count: { type: 'integer', description: 'Rows of the organisation, sealed or not' },
              breaks: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['seq', 'problem'],
                  properties: {
                    seq: {
                      type: ['integer', 'null'],
                      description: 'Chain position; null for a row not sealed yet',
                    },
                    id: { type: 'string', description: 'The row, when it is not sealed yet' },
                    problem: { type: 'string' },
                  },
                },
              },
              sealedThrough: { type: 'integer', description: 'Highest sealed chain position (0: none yet)' },
              unsealed: { type: 'integer', description: 'Rows committed but not sealed yet' },
              lagMs: {
                type: 'integer',
                description: 'Age of the oldest unsealed row in ms; 0 when all are sealed',
              },
            },
          } as const),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const result = await request.tx((em) => verifyAuditChain(em, request.tenant().orgId));
      return { valid: result.breaks.length === 0, ...result };
    },
  );
}
