import type { FastifyInstance } from 'fastify';
import { latestPublished } from '../../../db/definitions.js';
import { closeReasons, funnelStages, sourceAttribution, type FunnelQuery } from '../../../db/reports.js';
import { localize } from '../../../definitions/guards.js';
import type { WorkflowDefinitionBody } from '../../../definitions/workflow-definition.schema.js';
import { problems } from '../../problem.js';
import { closed, errorResponses } from '../../schemas/shared.js';

const round = (x: number) => Math.round(x * 100) / 100;

const stage = {
  type: 'object',
  properties: {
    statusCode: { type: 'string' },
    label: { type: 'string' },
    terminal: { type: 'boolean' },
    reached: { type: 'integer' },
    conversionToNext: { type: ['number', 'null'] },
    avgHoursInStage: { type: ['number', 'null'] },
    medianHoursInStage: { type: ['number', 'null'] },
  },
} as const;

export default async function reportRoutes(app: FastifyInstance) {
  app.get<{ Querystring: FunnelQuery }>(
    '/reports/funnel',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags: ['reports'],
        summary: 'Funnel of a case type over a creation period (F-9.2)',
        querystring: {
          type: 'object',
          required: ['caseType'],
          additionalProperties: false,
          properties: {
            caseType: { type: 'string', maxLength: 64 },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
          },
        },
        response: {
          200: closed({
            type: 'object',
            properties: {
              caseType: { type: 'string' },
              definitionVersion: { type: 'integer' },
              stages: { type: 'array', items: stage },
              byDefinitionVersion: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    definitionVersion: { type: 'integer' },
                    statusCode: { type: 'string' },
                    reached: { type: 'integer' },
                  },
                },
              },
              closeReasons: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    statusCode: { type: 'string' },
                    reasonCode: { type: ['string', 'null'] },
                    count: { type: 'integer' },
                  },
                },
              },
              sources: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    source: { type: ['string', 'null'] },
                    leads: { type: 'integer' },
                    wins: { type: 'integer' },
                    winRate: { type: 'number' },
                  },
                },
              },
            },
          } as const),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const q = request.query;
        const def = await latestPublished(em, q.caseType);
        if (!def) throw problems.notFound(`Pipeline ${q.caseType}`);
        const body = def.body as unknown as WorkflowDefinitionBody;
        const rows = await funnelStages(em, q);
        const overall = rows.filter((r) => r.definitionVersion === null);
        const reachedOf = (code: string) => Number(overall.find((r) => r.status === code)?.reached ?? 0);
        const open = body.states.filter((s) => !s.terminal);
        const stages = body.states.map((state) => {
          const row = overall.find((r) => r.status === state.code);
          const nextOpen = open[open.findIndex((s) => s.code === state.code) + 1];
          const reached = reachedOf(state.code);
          return {
            statusCode: state.code,
            label: localize(state.label, 'fr', state.code),
            terminal: state.terminal === true,
            reached,
            conversionToNext:
              !state.terminal && nextOpen && reached ? round(reachedOf(nextOpen.code) / reached) : null,
            avgHoursInStage: row?.avgHours == null ? null : round(row.avgHours),
            medianHoursInStage: row?.medianHours == null ? null : round(row.medianHours),
          };
        });
        const wonStates = body.states.filter((s) => s.reasonType === 'WON').map((s) => s.code);
        const sources = (await sourceAttribution(em, q, wonStates)).map((s) => ({
          source: s.source || null,
          leads: Number(s.leads),
          wins: Number(s.wins),
          winRate: Number(s.leads) ? round(Number(s.wins) / Number(s.leads)) : 0,
        }));
        return {
          caseType: q.caseType,
          definitionVersion: def.version,
          stages,
          byDefinitionVersion: rows
            .filter((r) => r.definitionVersion !== null)
            .map((r) => ({
              definitionVersion: r.definitionVersion,
              statusCode: r.status,
              reached: r.reached,
            })),
          closeReasons: (await closeReasons(em, q)).map((r) => ({
            statusCode: r.status_code,
            reasonCode: r.close_reason_code || null,
            count: Number(r.n),
          })),
          sources,
        };
      }),
  );
}
