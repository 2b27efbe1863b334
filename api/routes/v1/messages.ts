import type { FastifyInstance } from 'fastify';
import { Dossier } from '../../../db/entities/index.js';
import { problems } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';
import { runIdempotent } from '../../services/activity-idempotency.js';
import { recordMessage, type MessageInput } from '../../services/activity-records.js';
import {
  createMessageBody,
  cursorPageOf,
  listMessagesQuery,
  messageSchema,
} from '../../services/activity-schemas.js';
import { listMessages, type MessageFilters } from '../../services/activity-timeline.js';

const tags = ['messages'];

/** Messages on a dossier (F-5.2). Recorded only: sending through real channels is a later feature. */
export default async function messageRoutes(app: FastifyInstance) {
  app.addSchema(messageSchema);

  app.post<{ Params: { id: string }; Body: MessageInput }>(
    '/dossiers/:id/messages',
    {
      config: { permission: 'CRM_ACTIVITIES_CREATE' },
      schema: {
        tags,
        summary: 'Record an inbound or outbound message on the dossier',
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', maxLength: 200 } },
        },
        params: { $ref: 'IdParams#' },
        body: createMessageBody,
        response: { 201: { $ref: 'Message#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = { ...request.tenant(), userId: request.principal!.userId };
      const scope = `POST /dossiers/${request.params.id}/messages`;
      const answer = await runIdempotent(request, scope, 201, (em) =>
        recordMessage(em, actor, request.params.id, request.body),
      );
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.get<{ Params: { id: string }; Querystring: MessageFilters }>(
    '/dossiers/:id/messages',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags,
        summary: 'Messages of the dossier, newest first, cursor-paginated',
        params: { $ref: 'IdParams#' },
        querystring: listMessagesQuery,
        response: { 200: cursorPageOf({ $ref: 'Message#' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        if (!(await em.count(Dossier, { id: request.params.id }))) throw problems.notFound('Dossier');
        return listMessages(em, request.tenant().orgId, request.params.id, request.query);
      }),
  );
}
