import type { FastifyInstance } from 'fastify';
import {
  appointmentsNext7d,
  appointmentsToConfirm,
  dashboardKpis,
  overdueFollowUps,
} from '../../../db/dashboard.js';
import { effectiveDictionary } from '../../../db/dictionaries.js';
import { latestPublishedRuleset } from '../../../db/scoring.js';
import { DEFAULT_HOT_THRESHOLD } from '../../../definitions/scoring-rules.schema.js';
import { errorResponses } from '../../schemas/shared.js';

const action = {
  type: 'object',
  description: 'The ids a kind points to; the others may be left out',
  required: ['kind', 'title'],
  properties: {
    kind: { type: 'string' },
    title: { type: 'string' },
    dueAt: { type: ['string', 'null'], format: 'date-time' },
    activityId: { type: ['string', 'null'] },
    appointmentId: { type: ['string', 'null'] },
    contactId: { type: ['string', 'null'] },
    contactName: { type: ['string', 'null'] },
    dossierId: { type: ['string', 'null'] },
    dossierTitle: { type: ['string', 'null'] },
  },
} as const;

export default async function dashboardRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { agentId?: string } }>(
    '/dashboard',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags: ['reports'],
        summary:
          "KPI cards and next best actions of the caller's organisation, optionally for one agent (F-9.1)",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { agentId: { type: 'string', format: 'uuid' } },
        },
        response: {
          200: {
            type: 'object',
            required: ['kpis', 'hotStatuses', 'hotThreshold', 'nextBestActions'],
            properties: {
              kpis: {
                type: 'object',
                required: ['appointmentsNext7d'],
                properties: {
                  newLeads7d: { type: 'integer' },
                  hotLeads: { type: 'integer' },
                  hotLeadsByScore: { type: 'integer' },
                  appointmentsNext7d: { type: 'integer' },
                  dealsInNegotiation: { type: 'integer' },
                  weightedPipeline: { type: 'number' },
                  openDeals: { type: 'integer' },
                },
              },
              hotStatuses: { type: 'array', items: { type: 'string' } },
              hotThreshold: { type: 'integer' },
              nextBestActions: { type: 'array', items: action },
            },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const orgId = request.tenant().orgId;
        const agentId = request.query.agentId;
        const hotStatuses = (await effectiveDictionary(em, 'CASE_STATUS'))
          .filter((e) => e.metadata.hot === true)
          .map((e) => e.code);
        const ruleset = await latestPublishedRuleset(em, orgId);
        const hotThreshold = ruleset?.body.hotThreshold ?? DEFAULT_HOT_THRESHOLD;
        const kpis = await dashboardKpis(em, orgId, agentId, hotStatuses, hotThreshold);
        const overdue = await overdueFollowUps(em, orgId, agentId);
        const toConfirm = await appointmentsToConfirm(em, orgId, agentId);
        return {
          kpis: { ...kpis, appointmentsNext7d: await appointmentsNext7d(em, orgId, agentId) },
          hotStatuses,
          hotThreshold,
          nextBestActions: overdue
            .map((a) => ({
              kind: 'OVERDUE_FOLLOW_UP' as string,
              title: a.subject ?? `${a.type} overdue`,
              dueAt: new Date(a.due_at).toISOString(),
              activityId: a.id as string | null,
              appointmentId: null as string | null,
              contactId: a.contact_id,
              contactName: a.contact_name,
              dossierId: a.dossier_id,
              dossierTitle: a.dossier_title,
            }))
            .concat(
              toConfirm.map((a) => ({
                kind: 'APPOINTMENT_TO_CONFIRM',
                title: a.title,
                dueAt: new Date(a.start_at).toISOString(),
                activityId: null,
                appointmentId: a.id,
                contactId: a.contact_id,
                contactName: a.contact_name,
                dossierId: a.dossier_id,
                dossierTitle: a.dossier_title,
              })),
            ),
        };
      }),
  );
}
