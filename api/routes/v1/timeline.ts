import type { FastifyInstance } from 'fastify';
import { contactKnown } from '../../../db/activities.js';
import { Dossier } from '../../../db/entities/index.js';
import { problems } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';
import {
  cursorPageOf,
  dossierTimelineQuery,
  timelineEventSchema,
  timelineQuery,
} from '../../services/activity-schemas.js';
import { timelinePage, type TimelineFilters } from '../../services/timeline-feed.js';

const tags = ['timeline'];

/**
 * Timelines (F-5.3) of a contact — across its dossiers — and of a dossier: every timeline_event
 * carrying the record (activities, notes, messages, completions, status changes, automations),
 * newest first, with the same filters and cursor pagination.
 */
export default async function timelineRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string }; Querystring: TimelineFilters }>(
    '/contacts/:id/timeline',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags,
        summary: 'Timeline of a contact, filterable by kind, channel, direction, author and period',
        params: { $ref: 'IdParams#' },
        querystring: timelineQuery,
        response: { 200: cursorPageOf(timelineEventSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const orgId = request.tenant().orgId;
        if (!(await contactKnown(em, orgId, request.params.id))) throw problems.notFound('Contact');
        return timelinePage(em, orgId, { contactId: request.params.id }, request.query);
      }),
  );

  app.get<{ Params: { id: string }; Querystring: TimelineFilters }>(
    '/dossiers/:id/timeline',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags: [...tags, 'dossiers'],
        summary: 'Timeline of a dossier, filterable by kind, channel, direction, author and period',
        params: { $ref: 'IdParams#' },
        querystring: dossierTimelineQuery,
        response: { 200: cursorPageOf(timelineEventSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        if (!(await em.findOne(Dossier, { id: request.params.id }, { fields: ['id'] })))
          throw problems.notFound('Dossier');
        return timelinePage(em, request.tenant().orgId, { dossierId: request.params.id }, request.query);
      }),
  );
}
