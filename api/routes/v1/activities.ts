import type { FastifyInstance } from 'fastify';
import { problems } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';
import { startTaskTimers } from '../../lib/task-timers.js';
import { moveTask, type TaskMove } from '../../services/task-schedule.js';
import { runIdempotent } from '../../services/activity-idempotency.js';
import { findActivity, listActivities, type ActivityFilters } from '../../services/activity-queries.js';
import {
  completeActivity,
  createActivity,
  type ActivityInput,
  type CompletionInput,
} from '../../services/activity-records.js';
import {
  activitySchema,
  completeActivityBody,
  createActivityBody,
  cursorPageOf,
  listActivitiesQuery,
} from '../../services/activity-schemas.js';

const tags = ['activities'];
const idempotencyHeader = {
  type: 'object',
  properties: { 'idempotency-key': { type: 'string', maxLength: 200 } },
} as const;

/**
 * Activities are immutable (F-5.1): there is deliberately no PUT, PATCH or DELETE. A mistake is fixed
 * by a new activity with `correctsId`; a task is closed by POST /activities/:id/complete.
 */
export default async function activityRoutes(app: FastifyInstance) {
  app.addSchema(activitySchema);

  app.post<{ Body: ActivityInput }>(
    '/activities',
    {
      config: { permission: 'CRM_ACTIVITIES_CREATE' },
      schema: {
        tags,
        summary: 'Log an activity (call, email, visit, note, task…) on a dossier and/or contact',
        headers: idempotencyHeader,
        body: createActivityBody,
        response: { 201: { $ref: 'Activity#' }, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const actor = { ...request.tenant(), userId: request.principal!.userId };
      const answer = await runIdempotent(request, 'POST /activities', 201, (em) =>
        createActivity(em, actor, request.body),
      );
      // After the commit: the task (or the next action logged with it) rings when due.
      const created = answer.body as {
        id: string;
        dueAt: string | null;
        open: boolean;
        nextActionId?: string;
      };
      const timed = [created];
      if (created.nextActionId) {
        const next = await request.tx((em) => findActivity(em, actor.orgId, created.nextActionId!));
        if (next) timed.push(next);
      }
      await startTaskTimers(app.temporal, app.env.TEMPORAL_TASK_QUEUE, actor.orgId, timed, request.log);
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.get<{ Querystring: ActivityFilters }>(
    '/activities',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags,
        summary: 'List activities newest first; `cursor` for keyset paging, `overdue`/`open` for tasks',
        querystring: listActivitiesQuery,
        response: { 200: cursorPageOf({ $ref: 'Activity#' }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => request.tx((em) => listActivities(em, request.tenant().orgId, request.query)),
  );

  app.get<{ Params: { id: string } }>(
    '/activities/:id',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'Activity#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const found = await findActivity(em, request.tenant().orgId, request.params.id);
        if (!found) throw problems.notFound('Activity');
        return found;
      }),
  );

  app.post<{ Params: { id: string }; Body: CompletionInput | null }>(
    '/activities/:id/complete',
    {
      config: { permission: 'CRM_ACTIVITIES_CREATE' },
      schema: {
        tags,
        summary: 'Complete a task or next action (a completion event; completing twice is 409)',
        headers: idempotencyHeader,
        params: { $ref: 'IdParams#' },
        body: completeActivityBody,
        response: { 200: { $ref: 'Activity#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = { ...request.tenant(), userId: request.principal!.userId };
      const scope = `POST /activities/${request.params.id}/complete`;
      const answer = await runIdempotent(request, scope, 200, (em) =>
        completeActivity(em, actor, request.params.id, request.body ?? {}),
      );
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.post<{ Params: { id: string }; Body: TaskMove }>(
    '/activities/:id/reschedule',
    {
      config: { permission: 'CRM_ACTIVITIES_CREATE' },
      schema: {
        tags: ['tasks'],
        summary: 'Move a task to another time and/or person: answers the task that replaces it',
        description:
          'Activities are immutable: the move is a correction (a new task pointing at the old one, which closes). Its reminder is planned anew.',
        params: { $ref: 'IdParams#' },
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            dueAt: { type: 'string', format: 'date-time' },
            assigneeId: { type: 'string', format: 'uuid' },
          },
        },
        response: { 201: { $ref: 'Activity#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = { ...request.tenant(), userId: request.principal!.userId };
      const moved = await request.tx((em) => moveTask(em, actor, request.params.id, request.body));
      await startTaskTimers(app.temporal, app.env.TEMPORAL_TASK_QUEUE, actor.orgId, [moved], request.log);
      return reply.code(201).send(moved);
    },
  );
}
