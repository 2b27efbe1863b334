import type { FastifyInstance } from 'fastify';
import { documentView } from '../../../../db/documents.js';
import { CoopGroup, CoopMember, CoopTimelineEvent, Document } from '../../../../db/entities/index.js';
import type { CoopGroupRules } from '../../../../definitions/coop/rules.js';
import { errorResponses } from '../../../schemas/shared.js';
import { decodeCursor, encodeCursor } from '../../../services/activity-cursor.js';
import {
  actorOf,
  COOP_READERS,
  isCoopAdmin,
  readableGroup,
  requireGroup,
} from '../../../../services/coop/access.js';
import {
  allowedGroupTransitions,
  createGroup,
  groupView,
  transitionGroup,
  updateGroup,
} from '../../../../services/coop/groups.js';
import { cursorListOf, listOf, rulesSchema, tags, uuid, versionProp } from './schemas.js';

interface GroupBody {
  name: string;
  city: string;
  description?: string | null;
  rules?: Partial<CoopGroupRules>;
}
const groupBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'city'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    city: { type: 'string', minLength: 1, maxLength: 120 },
    description: { type: ['string', 'null'], maxLength: 5000 },
    rules: rulesSchema,
  },
} as const;
const idParams = { $ref: 'IdParams#' };

/** Groups (F-10.1): rules, COOP_GROUP status workflow, published documents, timeline. */
export default async function coopGroupRoutes(app: FastifyInstance) {
  app.get(
    '/coop/groups',
    {
      config: { permission: [...COOP_READERS], list: { sort: ['name', 'city', 'statusCode', 'createdAt'] } },
      schema: {
        tags,
        summary: 'Groups (a member sees only their own)',
        response: { 200: listOf('CoopGroup'), ...errorResponses(401, 403) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const where = isCoopAdmin(request)
          ? {}
          : {
              id: {
                $in: (await em.find(CoopMember, { userId: request.principal!.userId })).map((m) => m.groupId),
              },
            };
        const groups = await em.find(CoopGroup, where, { orderBy: { createdAt: 'desc' }, limit: 500 });
        return { data: groups.map(groupView), total: groups.length };
      }),
  );

  app.post<{ Body: GroupBody }>(
    '/coop/groups',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Create a group (status: the initial state of the COOP_GROUP workflow)',
        body: groupBody,
        response: { 201: { $ref: 'CoopGroup#' }, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const g = await request.tx(async (em) =>
        groupView(await createGroup(em, actorOf(request), request.body)),
      );
      return reply.code(201).send(g);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/coop/groups/:id',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary: 'One group',
        params: idParams,
        response: { 200: { $ref: 'CoopGroup#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => groupView(await readableGroup(em, request, request.params.id))),
  );

  app.patch<{
    Params: { id: string };
    Body: Partial<GroupBody> & { version: number; rules?: CoopGroupRules };
  }>(
    '/coop/groups/:id',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary:
          'Edit name, city, description or rules (rules replace the whole object; plans keep their own formula)',
        params: idParams,
        body: {
          ...groupBody,
          required: ['version'],
          properties: { ...groupBody.properties, version: versionProp },
        },
        response: { 200: { $ref: 'CoopGroup#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const g = await requireGroup(em, request.params.id);
        const rules = request.body.rules
          ? {
              ...g.rules,
              ...request.body.rules,
              allocation: { ...g.rules.allocation, ...request.body.rules.allocation },
            }
          : undefined;
        return groupView(
          await updateGroup(em, actorOf(request), g, { ...request.body, ...(rules ? { rules } : {}) }),
        );
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/coop/groups/:id/transitions',
    {
      config: { permission: 'COOP_ADMIN', list: { sort: ['to', 'label', 'allowed'] } },
      schema: {
        tags,
        summary: 'Status moves out of the current status, each allowed or blocked with the reason',
        params: idParams,
        response: {
          200: {
            type: 'object',
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  description: '`reason` and `reasonCode` only when the move is blocked',
                  required: ['to', 'label', 'allowed'],
                  properties: {
                    to: { type: 'string' },
                    label: { type: 'string' },
                    allowed: { type: 'boolean' },
                    reason: { type: 'string' },
                    reasonCode: { type: 'string' },
                  },
                },
              },
            },
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => ({
        data: await allowedGroupTransitions(em, request, await requireGroup(em, request.params.id)),
      })),
  );

  app.post<{ Params: { id: string }; Body: { to: string; version: number; comment?: string | null } }>(
    '/coop/groups/:id/transitions',
    {
      config: { permission: 'COOP_ADMIN' },
      schema: {
        tags,
        summary: 'Move the group to another status of its COOP_GROUP workflow (synchronous, one transaction)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['to', 'version'],
          properties: {
            to: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,63}$' },
            version: versionProp,
            comment: { type: ['string', 'null'], maxLength: 2000 },
          },
        },
        response: { 200: { $ref: 'CoopGroup#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      request.tx(async (em) =>
        groupView(
          await transitionGroup(em, request, await requireGroup(em, request.params.id), request.body),
        ),
      ),
  );

  app.get<{ Params: { id: string } }>(
    '/coop/groups/:id/documents',
    {
      config: { permission: [...COOP_READERS], list: { sort: ['createdAt', 'kind', 'fileName'] } },
      schema: {
        tags,
        summary: 'Published documents of the group (statutes, minutes)',
        params: idParams,
        response: { 200: listOf('Document'), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        await readableGroup(em, request, request.params.id);
        const docs = await em.find(
          Document,
          { ownerType: 'COOP_GROUP', ownerId: request.params.id },
          { orderBy: { createdAt: 'desc' } },
        );
        return { data: docs.map(documentView), total: docs.length };
      }),
  );

  app.get<{ Params: { id: string }; Querystring: { cursor?: string; pageSize?: number; memberId?: string } }>(
    '/coop/groups/:id/timeline',
    {
      config: { permission: [...COOP_READERS] },
      schema: {
        tags,
        summary: 'Group timeline, newest first (a member sees group-wide events and their own)',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cursor: {
              type: 'string',
              maxLength: 500,
              description: 'Opaque; the `nextCursor` of the previous page',
            },
            pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            memberId: uuid,
          },
        },
        response: { 200: cursorListOf('CoopTimelineEvent'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const g = await readableGroup(em, request, request.params.id);
        const q = request.query;
        const own = isCoopAdmin(request)
          ? null
          : await em.findOne(CoopMember, { groupId: g.id, userId: request.principal!.userId });
        const pageSize = q.pageSize ?? 50;
        const after = decodeCursor(q.cursor);
        const where = {
          groupId: g.id,
          ...(own
            ? { $or: [{ memberId: null }, { memberId: own.id }] }
            : q.memberId
              ? { memberId: q.memberId }
              : {}),
        };
        const fetched = await em.find(
          CoopTimelineEvent,
          after
            ? {
                $and: [
                  where,
                  {
                    $or: [
                      { occurredAt: { $lt: new Date(after.at) } },
                      { occurredAt: new Date(after.at), id: { $lt: after.id } },
                    ],
                  },
                ],
              }
            : where,
          { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: pageSize + 1 },
        );
        const rows = fetched.slice(0, pageSize);
        const last = rows.at(-1);
        const nextCursor =
          fetched.length > pageSize && last
            ? encodeCursor({ at: last.occurredAt.toISOString(), id: last.id })
            : null;
        return {
          nextCursor,
          total: await em.count(CoopTimelineEvent, where),
          data: rows.map((e) => ({
            id: e.id,
            memberId: e.memberId ?? null,
            kind: e.kind,
            title: e.title,
            payload: e.payload,
            actorId: e.actorId ?? null,
            occurredAt: e.occurredAt.toISOString(),
          })),
        };
      }),
  );
}
