import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../schemas/shared.js';
import { countTasks, listTasks, TASK_BUCKETS, type TaskFilters } from '../../../services/crm/task-queries.js';
import { pageQueryProperties } from '../../lib/list.js';

const tags = ['tasks'];
const nullableString = { type: ['string', 'null'] } as const;

const taskSchema = {
  $id: 'Task',
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'type',
    'subject',
    'content',
    'dueAt',
    'overdue',
    'assigneeId',
    'assigneeName',
    'authorId',
    'dossierId',
    'dossierReference',
    'dossierTitle',
    'contactId',
    'contactName',
    'createdAt',
  ],
  properties: {
    id: { type: 'string', description: 'The activity id of the task' },
    type: { type: 'string', description: 'ACTIVITY_TYPE code (TASK, FOLLOW_UP, CALL, …)' },
    subject: nullableString,
    content: nullableString,
    dueAt: { type: 'string', format: 'date-time' },
    overdue: { type: 'boolean' },
    assigneeId: {
      type: 'string',
      description: 'Who is reminded: the task’s assignee, else the dossier’s agent, else its author',
    },
    assigneeName: nullableString,
    authorId: { type: 'string' },
    dossierId: nullableString,
    dossierReference: nullableString,
    dossierTitle: nullableString,
    contactId: nullableString,
    contactName: nullableString,
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const scope = {
  assignee: {
    type: 'string',
    maxLength: 36,
    pattern: '^(me|all|[0-9a-fA-F-]{36})$',
    default: 'me',
    description: '`me` (default), `all` (the team), or a user id',
  },
  tz: {
    type: 'string',
    maxLength: 64,
    default: 'Europe/Paris',
    description: 'IANA time zone "today" is computed in (the browser’s)',
  },
} as const;

/** "Mes tâches": open tasks and next actions by due bucket (moving one: POST /activities/:id/reschedule). */
export default async function taskRoutes(app: FastifyInstance) {
  app.addSchema(taskSchema);

  app.get<{ Querystring: TaskFilters }>(
    '/tasks',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags,
        summary: 'List open tasks and next actions: overdue, due today, upcoming; mine or the team’s',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageQueryProperties,
            sort: { type: 'string', enum: ['dueAt', '-dueAt'], default: 'dueAt' },
            bucket: { type: 'string', enum: [...TASK_BUCKETS], default: 'all' },
            dossierId: { type: 'string', format: 'uuid' },
            ...scope,
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['data', 'total'],
            properties: { data: { type: 'array', items: { $ref: 'Task#' } }, total: { type: 'integer' } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) =>
      request.tx((em) => listTasks(em, request.tenant().orgId, request.principal!.userId, request.query)),
  );

  app.get<{ Querystring: Pick<TaskFilters, 'assignee' | 'tz'> }>(
    '/tasks/counts',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags,
        summary: 'How many open tasks are overdue, due today and upcoming',
        querystring: { type: 'object', additionalProperties: false, properties: scope },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['overdue', 'today', 'upcoming'],
            properties: {
              overdue: { type: 'integer' },
              today: { type: 'integer' },
              upcoming: { type: 'integer' },
            },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) =>
      request.tx((em) => countTasks(em, request.tenant().orgId, request.principal!.userId, request.query)),
  );
}
