import type { FastifyInstance } from 'fastify';
import { APPOINTMENT_ACTIONS, appointmentView, type AppointmentAction } from '../../../db/appointments.js';
import { APPOINTMENT_KINDS, APPOINTMENT_STATUSES } from '../../../db/entities/appointment.js';
import { Appointment } from '../../../db/entities/index.js';
import { requireTemporal } from '../../lib/dossier-workflows.js';
import { problems } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';
import { runIdempotent } from '../../services/activity-idempotency.js';
import {
  actOnAppointment,
  bookAppointment,
  signalReminders,
  startReminders,
  type AppointmentInput,
} from '../../services/appointments.js';

const tags = ['appointments'];

/** Booking and the status actions answer the appointment itself, with its `warnings`. */
const withWarnings = { $ref: 'Appointment#' } as const;

const uuid = { type: 'string', format: 'uuid' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

interface ListQuery {
  from?: string;
  to?: string;
  agentId?: string;
  contactId?: string;
  dossierId?: string;
  status?: string[];
}

/** Appointments and visits (F-7.1): calendar ranges, booking with a conflict warning, status actions. */
export default async function appointmentRoutes(app: FastifyInstance) {
  app.post<{ Body: AppointmentInput }>(
    '/appointments',
    {
      config: { permission: 'CRM_APPOINTMENTS_CREATE' },
      schema: {
        tags,
        summary: 'Book an appointment or a visit; reminders run in its own workflow',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'title', 'startAt', 'endAt'],
          properties: {
            kind: { type: 'string', enum: [...APPOINTMENT_KINDS] },
            title: { type: 'string', minLength: 1, maxLength: 300 },
            startAt: dateTime,
            endAt: dateTime,
            place: { type: ['string', 'null'], maxLength: 500 },
            agentId: { ...uuid, description: 'Default: the caller' },
            contactId: { type: ['string', 'null'], format: 'uuid' },
            dossierId: { type: ['string', 'null'], format: 'uuid' },
            annonceId: { type: ['string', 'null'], format: 'uuid', description: 'The listing visited' },
            notes: { type: ['string', 'null'], maxLength: 5000 },
          },
        },
        response: { 201: withWarnings, ...errorResponses(400, 401, 403, 404, 422, 503) },
      },
    },
    async (request, reply) => {
      const temporal = requireTemporal(app.temporal);
      const actor = { ...request.tenant(), userId: request.principal!.userId };
      const answer = await runIdempotent(request, 'POST /appointments', 201, (em) =>
        bookAppointment(em, actor, request.body),
      );
      const booked = answer.body as ReturnType<typeof appointmentView>;
      try {
        await startReminders(temporal, app.env.TEMPORAL_TASK_QUEUE, booked, {
          orgId: actor.orgId,
          orgSlug: request.principal!.orgSlug,
        });
      } catch (err) {
        if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
      }
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.get<{ Querystring: ListQuery }>(
    '/appointments',
    {
      config: {
        permission: 'CRM_APPOINTMENTS_VIEW',
        list: { sort: ['startAt', 'endAt', 'status', 'title'], maxPageSize: 1000 },
      },
      schema: {
        tags,
        summary: 'Calendar: appointments overlapping [from, to), by agent, contact, dossier or status',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: dateTime,
            to: dateTime,
            agentId: uuid,
            contactId: uuid,
            dossierId: uuid,
            status: { type: 'array', items: { type: 'string', enum: [...APPOINTMENT_STATUSES] } },
          },
        },
        response: {
          200: { type: 'object', properties: { data: { type: 'array', items: { $ref: 'Appointment#' } } } },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const q = request.query;
        if (q.from && q.to && Date.parse(q.to) <= Date.parse(q.from))
          throw problems.validation([{ field: 'to', message: 'must be after from' }]);
        const rows = await em.find(
          Appointment,
          {
            ...(q.from ? { endAt: { $gt: new Date(q.from) } } : {}),
            ...(q.to ? { startAt: { $lt: new Date(q.to) } } : {}),
            ...(q.agentId ? { agentId: q.agentId } : {}),
            ...(q.contactId ? { contactId: q.contactId } : {}),
            ...(q.dossierId ? { dossierId: q.dossierId } : {}),
            ...(q.status?.length ? { status: { $in: q.status } } : {}),
          },
          { orderBy: { startAt: 'asc', id: 'asc' }, limit: 1000 },
        );
        return { data: rows.map(appointmentView) };
      }),
  );

  app.get<{ Params: { id: string } }>(
    '/appointments/:id',
    {
      config: { permission: 'CRM_APPOINTMENTS_VIEW' },
      schema: {
        tags,
        summary: 'One appointment',
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'Appointment#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const a = await em.findOne(Appointment, { id: request.params.id });
        if (!a) throw problems.notFound('Appointment');
        return appointmentView(a);
      }),
  );

  for (const action of Object.keys(APPOINTMENT_ACTIONS) as AppointmentAction[]) {
    app.post<{
      Params: { id: string };
      Body: { version: number; startAt?: string; endAt?: string; reason?: string };
    }>(
      `/appointments/:id/${action}`,
      {
        config: { permission: 'CRM_APPOINTMENTS_EDIT' },
        schema: {
          tags,
          summary:
            action === 'reschedule'
              ? 'Move it (reminders move with it); warns when the agent is already booked'
              : `Mark it ${APPOINTMENT_ACTIONS[action].to}${action === 'done' ? ' (logs a VISIT activity)' : ''}${action === 'no-show' ? ' (opens a follow-up task)' : ''}`,
          params: { $ref: 'IdParams#' },
          body: {
            type: 'object',
            additionalProperties: false,
            required: action === 'reschedule' ? ['version', 'startAt', 'endAt'] : ['version'],
            properties: {
              version: { type: 'integer', description: 'Optimistic lock: the version you read' },
              ...(action === 'reschedule' ? { startAt: dateTime, endAt: dateTime } : {}),
              ...(action === 'cancel' ? { reason: { type: ['string', 'null'], maxLength: 2000 } } : {}),
            },
          },
          response: { 200: withWarnings, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const actor = { ...request.tenant(), userId: request.principal!.userId };
        const result = await request.tx((em) =>
          actOnAppointment(em, actor, request.params.id, action, request.body),
        );
        if (app.temporal) await signalReminders(app.temporal, result);
        return result;
      },
    );
  }
}
