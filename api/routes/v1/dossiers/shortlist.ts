import type { FastifyInstance } from 'fastify';
import { Annonce, Dossier, ShortlistEntry } from '../../../../db/entities/index.js';
import { SHORTLIST_STATUSES, type ShortlistStatus } from '../../../../definitions/shortlist.js';
import { requireTemporal } from '../../../lib/dossier-workflows.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import { runIdempotent } from '../../../services/activity-idempotency.js';
import { bookAppointment, startReminders } from '../../../services/appointments.js';
import {
  addToShortlist,
  moveShortlistEntry,
  shortlistView,
} from '../../../../services/listings/shortlist.js';
import { matchItemSchema } from './matching.js';

const tags = ['matching'];
const entryParams = {
  type: 'object',
  required: ['id', 'entryId'],
  additionalProperties: false,
  properties: { id: { type: 'string', format: 'uuid' }, entryId: { type: 'string', format: 'uuid' } },
} as const;

const shortlistEntrySchema = {
  $id: 'ShortlistEntry',
  type: 'object',
  required: [
    'id',
    'dossierId',
    'annonceId',
    'status',
    'next',
    'statusChangedAt',
    'statusChangedBy',
    'score',
    'explanation',
    'comment',
    'version',
    'createdAt',
    'createdBy',
    'annonce',
    'history',
  ],
  properties: {
    id: { type: 'string' },
    dossierId: { type: 'string' },
    annonceId: { type: 'string' },
    status: { type: 'string', enum: [...SHORTLIST_STATUSES] },
    next: { type: 'array', items: { type: 'string' }, description: 'Statuses it may move to' },
    statusChangedAt: { type: 'string', format: 'date-time' },
    statusChangedBy: { type: ['string', 'null'] },
    score: { type: ['integer', 'null'], description: 'Matching score when added (snapshot)' },
    explanation: {
      ...matchItemSchema.properties.explanation,
      description: 'Explanation when added (snapshot)',
    },
    comment: { type: ['string', 'null'] },
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: ['string', 'null'] },
    annonce: { anyOf: [{ $ref: 'Annonce#' }, { type: 'null' }] },
    history: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to', 'actorId', 'at', 'comment'],
        properties: {
          from: { type: ['string', 'null'] },
          to: { type: 'string' },
          actorId: { type: ['string', 'null'] },
          at: { type: 'string', format: 'date-time' },
          comment: { type: ['string', 'null'] },
        },
      },
    },
    rejected: {
      type: 'array',
      description:
        'Only in the answer of a move with `rejectOthers`: the other open entries it rejected in the same step',
      items: {
        type: 'object',
        required: ['id', 'annonceId', 'status', 'version'],
        properties: {
          id: { type: 'string' },
          annonceId: { type: 'string' },
          status: { type: 'string', enum: [...SHORTLIST_STATUSES] },
          version: { type: 'integer' },
        },
      },
    },
  },
} as const;

/** A dossier's shortlist of listings (F-8.3) and visits booked from it. */
export default async function shortlistRoutes(app: FastifyInstance) {
  app.addSchema(shortlistEntrySchema);

  app.get<{ Params: { id: string } }>(
    '/dossiers/:id/shortlist',
    {
      config: {
        permission: 'CRM_MATCHING_VIEW',
        list: { sort: ['createdAt', 'status', 'score', 'statusChangedAt'] },
      },
      schema: {
        tags,
        summary: 'The dossier’s shortlist, oldest first, each entry with its listing and status history',
        params: { $ref: 'IdParams#' },
        response: {
          200: {
            type: 'object',
            properties: { data: { type: 'array', items: { $ref: 'ShortlistEntry#' } } },
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        if (!(await em.count(Dossier, { id: request.params.id }))) throw problems.notFound('Dossier');
        const entries = await em.find(
          ShortlistEntry,
          { dossierId: request.params.id },
          { orderBy: { createdAt: 'asc', id: 'asc' } },
        );
        return { data: await shortlistView(em, entries) };
      }),
  );

  app.post<{
    Params: { id: string };
    Body: { annonceId: string; comment?: string };
    Querystring: { lang?: 'fr' | 'en' };
  }>(
    '/dossiers/:id/shortlist',
    {
      config: { permission: 'CRM_MATCHING_RUN' },
      schema: {
        tags,
        summary: 'Add a listing to the shortlist (SHORTLISTED); its current score and explanation are kept',
        description:
          'With an `Idempotency-Key`, a retry (even concurrent) gets the first 201 answer again instead of 409 "already on the shortlist"; the same key with another body is 422 idempotency-key-reused.',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
        params: { $ref: 'IdParams#' },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { lang: { type: 'string', enum: ['fr', 'en'] } },
        },
        body: {
          type: 'object',
          required: ['annonceId'],
          additionalProperties: false,
          properties: {
            annonceId: { type: 'string', format: 'uuid' },
            comment: { type: 'string', maxLength: 2000 },
          },
        },
        response: { 201: { $ref: 'ShortlistEntry#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const scope = `POST /dossiers/${request.params.id}/shortlist`;
      const answer = await runIdempotent(request, scope, 201, (em) =>
        addToShortlist(em, request.tenant(), request.params.id, request.body, request.query.lang ?? 'fr'),
      );
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.patch<{
    Params: { id: string; entryId: string };
    Body: { status: ShortlistStatus; version?: number; comment?: string; rejectOthers?: boolean };
  }>(
    '/dossiers/:id/shortlist/:entryId',
    {
      config: { permission: 'CRM_MATCHING_RUN' },
      schema: {
        tags,
        summary: 'Move a shortlisted listing: SHORTLISTED → PROPOSED → VISITED → SELECTED | REJECTED',
        description:
          'REJECTED from any open status; SELECTED also straight from PROPOSED; a REJECTED entry can go back to SHORTLISTED. With `rejectOthers` (only with SELECTED) every other open entry becomes REJECTED in the same transaction. Each move is kept in the entry history (who, when), on the dossier timeline and in the dossier audit trail.',
        params: entryParams,
        body: {
          type: 'object',
          required: ['status'],
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...SHORTLIST_STATUSES] },
            version: { type: 'integer', minimum: 1, description: 'The entry version you read; stale → 409' },
            comment: { type: 'string', maxLength: 2000 },
            rejectOthers: { type: 'boolean', description: 'With SELECTED: reject the other open entries' },
          },
        },
        response: {
          200: { $ref: 'ShortlistEntry#' },
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) =>
      request.tx((em) =>
        moveShortlistEntry(em, request.tenant(), request.params.id, request.params.entryId, request.body),
      ),
  );

  app.post<{
    Params: { id: string; entryId: string };
    Body: { startAt: string; endAt: string; agentId?: string; place?: string; notes?: string };
  }>(
    '/dossiers/:id/shortlist/:entryId/visits',
    {
      config: { permission: 'CRM_APPOINTMENTS_CREATE' },
      schema: {
        tags,
        summary: 'Book a VISITE of a shortlisted listing (appointment linked to the dossier and the listing)',
        params: entryParams,
        body: {
          type: 'object',
          required: ['startAt', 'endAt'],
          additionalProperties: false,
          properties: {
            startAt: { type: 'string', format: 'date-time' },
            endAt: { type: 'string', format: 'date-time' },
            agentId: { type: 'string', format: 'uuid', description: 'Default: the caller' },
            place: { type: 'string', maxLength: 500, description: 'Default: the listing address and city' },
            notes: { type: 'string', maxLength: 5000 },
          },
        },
        response: {
          201: { $ref: 'Appointment#' },
          ...errorResponses(400, 401, 403, 404, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const temporal = requireTemporal(app.temporal);
      const actor = { ...request.tenant(), userId: request.principal!.userId };
      const booked = await request.tx(async (em) => {
        const entry = await em.findOne(ShortlistEntry, {
          id: request.params.entryId,
          dossierId: request.params.id,
        });
        if (!entry) throw problems.notFound('Shortlist entry');
        if (entry.status === 'REJECTED' || entry.status === 'SELECTED')
          throw problems.unprocessable('entry-closed', 'Entry closed', `The entry is ${entry.status}.`);
        const a = await em.findOneOrFail(Annonce, { id: entry.annonceId });
        return bookAppointment(em, actor, {
          kind: 'VISITE',
          title: `Visite ${a.reference} — ${a.title}`.slice(0, 300),
          startAt: request.body.startAt,
          endAt: request.body.endAt,
          place: request.body.place ?? [a.address, a.postalCode, a.city].filter(Boolean).join(', '),
          dossierId: request.params.id,
          annonceId: a.id,
          notes: request.body.notes ?? null,
          ...(request.body.agentId ? { agentId: request.body.agentId } : {}),
        });
      });
      await startReminders(temporal, app.env.TEMPORAL_TASK_QUEUE, booked, {
        orgId: actor.orgId,
        orgSlug: request.principal!.orgSlug,
      });
      return reply.code(201).send(booked);
    },
  );
}
