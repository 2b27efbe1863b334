import type { FastifyInstance } from 'fastify';
import { appointmentView } from '../../../../db/appointments.js';
import { dossierConsents } from '../../../../db/consent.js';
import { dossierView } from '../../../../db/dossier-view.js';
import { Appointment, Dossier } from '../../../../db/entities/index.js';
import type { Permission } from '../../../../definitions/permissions.js';
import { grantsAnyOf } from '../../../lib/route-permission.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';
import { cursorPageOf, timelineEventSchema } from '../../../services/activity-schemas.js';
import { timelinePage } from '../../../services/timeline-feed.js';
import { dossierConsentsSchema } from './consents.js';
import { transitionOptionSchema } from './schemas.js';
import { transitionOptionsOf } from '../../../../services/engine/dossier-transitions.js';

/** The first page of the timeline the workspace carries (the UI's page size). */
const TIMELINE_PAGE_SIZE = 20;

const workspaceSchema = {
  type: 'object',
  description:
    'Each part is null when your roles do not grant reading it (or, for consents, when the dossier has no contact).',
  required: ['id', 'dossier', 'transitions', 'consents', 'appointments', 'timeline'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    dossier: { $ref: 'Dossier#' },
    transitions: {
      type: 'object',
      description: 'As GET /dossiers/{id}/transitions answers it',
      required: ['statusCode', 'data', 'total'],
      properties: {
        statusCode: { type: 'string' },
        data: { type: 'array', items: transitionOptionSchema },
        total: { type: 'integer' },
      },
    },
    consents: { ...dossierConsentsSchema, type: ['object', 'null'] },
    appointments: {
      type: ['object', 'null'],
      description: "The dossier's appointments, oldest first (CRM_APPOINTMENTS_VIEW)",
      required: ['data', 'total'],
      properties: { data: { type: 'array', items: { $ref: 'Appointment#' } }, total: { type: 'integer' } },
    },
    timeline: {
      ...cursorPageOf(timelineEventSchema),
      type: ['object', 'null'],
      description: `The newest ${TIMELINE_PAGE_SIZE} events, unfiltered (CRM_ACTIVITIES_VIEW); next pages from GET /dossiers/{id}/timeline`,
    },
  },
} as const;

/**
 * One read for the dossier page's first screen (issue 17: the page in ≤ 4 calls): the dossier, its
 * allowed moves, consents, appointments and the first timeline page, each part checked against the
 * permission its own route asks for, all in one tenant-scoped transaction.
 */
export default async function workspaceRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string }; Querystring: { lang?: 'fr' | 'en' } }>(
    '/dossiers/:id/workspace',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags: ['dossiers'],
        summary: 'The dossier page in one read: dossier, moves, consents, appointments, first timeline page',
        params: { $ref: 'IdParams#' },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { lang: { type: 'string', enum: ['fr', 'en'] } },
        },
        response: { 200: workspaceSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const p = request.principal!;
      const may = (permission: Permission) => grantsAnyOf(p.permissions, permission);
      return request.tx(async (em) => {
        const dossier = await em.findOne(Dossier, { id: request.params.id });
        if (!dossier) throw problems.notFound('Dossier');
        const moves = await transitionOptionsOf(
          em,
          dossier,
          { id: p.userId, roles: p.roles, permissions: [...p.permissions] },
          request.query.lang ?? 'fr',
        );
        const appointments = may('CRM_APPOINTMENTS_VIEW')
          ? (
              await em.find(
                Appointment,
                { dossierId: dossier.id },
                { orderBy: { startAt: 'asc', id: 'asc' } },
              )
            ).map(appointmentView)
          : null;
        return {
          id: dossier.id,
          dossier: dossierView(dossier),
          transitions: { statusCode: dossier.statusCode, data: moves, total: moves.length },
          consents: dossier.contactId ? await dossierConsents(em, dossier.contactId, dossier.id) : null,
          appointments: appointments ? { data: appointments, total: appointments.length } : null,
          timeline: may('CRM_ACTIVITIES_VIEW')
            ? await timelinePage(
                em,
                request.tenant().orgId,
                { dossierId: dossier.id },
                { pageSize: TIMELINE_PAGE_SIZE },
              )
            : null,
        };
      });
    },
  );
}
