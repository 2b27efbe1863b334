import type { FastifyInstance } from 'fastify';
import { verifyAuditChain } from '../../../db/audit.js';
import { AuditEvent } from '../../../db/entities/index.js';
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
    async (request) => {
      const { entityType, entityId, action, actorId, from, to } = request.query;
      const where: Record<string, unknown> = {};
      if (entityType) where.entityType = entityType;
      if (entityId) where.entityId = entityId;
      if (action) where.action = action;
      if (actorId) where.actorId = actorId;
      if (from || to)
        where.createdAt = { ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) };
      const [rows, total] = await request.tx((em) =>
        em.findAndCount(AuditEvent, where, { orderBy: { seq: 'desc' }, ...pagination(request.query) }),
      );
      return { data: rows, total };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { permission: 'AUDIT_VIEW' },
      schema: {
        tags,
        summary: "Recompute the organisation's audit hash chain",
        response: {
          200: closed({
            type: 'object',
            required: ['valid', 'count', 'breaks'],
            properties: {
              valid: { type: 'boolean' },
              count: { type: 'integer' },
              breaks: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { seq: { type: 'integer' }, problem: { type: 'string' } },
                },
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
