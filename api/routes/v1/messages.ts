import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { listMessages, loadMessageView, type MessageFilters } from '../../services/activity-timeline.js';
import {
  queueOutbound,
  startDelivery,
  type QueuedMessage,
  type SendInput,
} from '../../services/message-send.js';
import { SENDABLE_CHANNELS, type SendableChannel } from '../../../db/outbound.js';

const tags = ['messages'];

type PostBody = MessageInput & Omit<SendInput, 'channel'> & { send?: boolean };

/** Messages on a dossier (F-5.2): recorded, or sent through the channels (F-7.4) with `send: true`. */
export default async function messageRoutes(app: FastifyInstance) {
  app.addSchema(messageSchema);

  /** Queues in one transaction (idempotent by key), then starts the delivery after the commit. */
  const send = async (
    request: FastifyRequest,
    reply: FastifyReply,
    scope: string,
    target: { dossierId: string | null; contactId: string | null },
    body: PostBody,
  ) => {
    const errors = [];
    if (!SENDABLE_CHANNELS.includes(body.channel as SendableChannel))
      errors.push({ field: 'channel', message: `sending works on ${SENDABLE_CHANNELS.join(', ')}` });
    if (body.direction && body.direction !== 'OUTBOUND')
      errors.push({ field: 'direction', message: 'a sent message is OUTBOUND' });
    if (errors.length) throw problems.validation(errors);
    const actor = { ...request.tenant(), userId: request.principal!.userId };
    const answer = await runIdempotent(request, scope, 202, async (em) => {
      const queued = await queueOutbound(em, actor, target, {
        channel: body.channel as SendableChannel,
        content: body.content,
        subject: body.subject ?? null,
        template: body.template ?? null,
      });
      return { ...(await loadMessageView(em, queued.id)), queued } as Record<string, unknown>;
    });
    const queued = (answer.body as { queued?: QueuedMessage }).queued;
    if (queued)
      await startDelivery(
        app.temporal,
        app.env.TEMPORAL_TASK_QUEUE,
        { id: queued.id, orgId: queued.orgId, orgSlug: request.principal!.orgSlug },
        request.log,
      );
    return reply.code(answer.statusCode).send(answer.body);
  };

  app.post<{ Params: { id: string }; Body: PostBody }>(
    '/dossiers/:id/messages',
    {
      config: { permission: 'CRM_ACTIVITIES_CREATE' },
      schema: {
        tags,
        summary: 'Send a message to the dossier contact (`send: true`), or record one exchanged elsewhere',
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', maxLength: 200 } },
        },
        params: { $ref: 'IdParams#' },
        body: createMessageBody,
        response: {
          201: { $ref: 'Message#' },
          202: { $ref: 'Message#' },
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const scope = `POST /dossiers/${request.params.id}/messages`;
      if (request.body.send)
        return send(
          request,
          reply,
          scope,
          { dossierId: request.params.id, contactId: request.body.contactId ?? null },
          request.body,
        );
      if (!request.body.direction)
        throw problems.validation([{ field: 'direction', message: 'is required to record a message' }]);
      const actor = { ...request.tenant(), userId: request.principal!.userId };
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

  app.post<{ Params: { id: string }; Body: PostBody }>(
    '/contacts/:id/messages',
    {
      config: { permission: 'CRM_ACTIVITIES_CREATE' },
      schema: {
        tags,
        summary: 'Send a message to a contact outside any dossier (consent checked now and at send time)',
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', maxLength: 200 } },
        },
        params: { $ref: 'IdParams#' },
        body: createMessageBody,
        response: { 202: { $ref: 'Message#' }, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      send(
        request,
        reply,
        `POST /contacts/${request.params.id}/messages`,
        { dossierId: null, contactId: request.params.id },
        {
          ...request.body,
          send: true,
        },
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/messages/:id',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags,
        summary: 'One message with its delivery status, attempts and failure reason',
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'Message#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const view = await loadMessageView(em, request.params.id);
        if (!view) throw problems.notFound('Message');
        return view;
      }),
  );
}
