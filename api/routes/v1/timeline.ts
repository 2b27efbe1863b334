import type { FastifyInstance } from 'fastify';
import { contactKnown } from '../../../db/activities.js';
import { problems } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';
import { cursorPageOf, timelineEventSchema, timelineQuery } from '../../services/activity-schemas.js';
import { contactTimeline, type TimelineFilters } from '../../services/activity-timeline.js';

/**
 * A contact's timeline (F-5.3): every timeline_event carrying the contact, across its dossiers —
 * activities, notes, messages, completions, status changes, automations — newest first.
 */
export default async function timelineRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string }; Querystring: TimelineFilters }>(
    '/contacts/:id/timeline',
    {
      config: { permission: 'CRM_ACTIVITIES_VIEW' },
      schema: {
        tags: ['timeline'],
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
        return contactTimeline(em, orgId, request.params.id, request.query);
      }),
  );
}
