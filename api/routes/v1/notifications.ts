import type { FastifyInstance } from 'fastify';
import { Notification } from '../../../db/entities/index.js';
import { pagination, pageQueryProperties, type PageQuery } from '../../lib/list.js';
import { problems } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';

const notificationSchema = {
  type: 'object',
  required: ['id', 'kind', 'title', 'createdAt'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    body: { type: ['string', 'null'] },
    entityType: { type: ['string', 'null'] },
    entityId: { type: ['string', 'null'] },
    readAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** The signed-in user's in-app notifications. */
export default async function notificationRoutes(app: FastifyInstance) {
  app.get<{ Querystring: PageQuery & { unread?: boolean } }>(
    '/notifications',
    {
      config: { authOnly: true },
      schema: {
        tags: ['notifications'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...pageQueryProperties, unread: { type: 'boolean' } },
        },
        response: {
          200: {
            type: 'object',
            required: ['data', 'total'],
            properties: { data: { type: 'array', items: notificationSchema }, total: { type: 'integer' } },
          },
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const where: Record<string, unknown> = { recipientId: request.principal!.userId };
      if (request.query.unread) where.readAt = null;
      const [data, total] = await request.tx((em) =>
        em.findAndCount(Notification, where, {
          orderBy: { createdAt: 'desc' },
          ...pagination(request.query),
        }),
      );
      return { data, total };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/notifications/:id/read',
    {
      config: { authOnly: true },
      schema: {
        tags: ['notifications'],
        params: { $ref: 'IdParams#' },
        response: { 200: notificationSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const note = await em.findOne(Notification, {
          id: request.params.id,
          recipientId: request.principal!.userId,
        });
        if (!note) throw problems.notFound('Notification');
        note.readAt ??= new Date();
        await em.flush();
        return note;
      }),
  );
}
