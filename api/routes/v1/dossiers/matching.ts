import type { FastifyInstance } from 'fastify';
import { recordAudit, snapshot } from '../../../../db/audit.js';
import { dossierView } from '../../../../db/dossier-view.js';
import { Dossier } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { recomputeDossierScore } from '../../../../db/scoring.js';
import {
  criteriaCodes,
  criteriaOfDossier,
  MATCHING_CRITERIA_KEYS,
  matchingCriteriaProperties,
} from '../../../../definitions/matching-criteria.js';
import { MATCH_CRITERIA } from '../../../../definitions/matching.js';
import { problems, type FieldError } from '../../../problem.js';
import { closed, errorResponses } from '../../../schemas/shared.js';
import { unknownCodes } from '../../../../services/listings/annonces.js';
import { runMatching } from '../../../../services/listings/matching.js';

const tags = ['matching'];

const criteriaView = closed({
  type: 'object',
  description:
    'The search as matching reads it. Budgets in euros (price for ACHAT, monthly rent excluding charges for LOCATION); surface in m².',
  properties: {
    transaction: { type: ['string', 'null'], enum: ['SALE', 'RENT', null] },
    budgetMin: { type: ['number', 'null'] },
    budgetMax: { type: ['number', 'null'] },
    ...matchingCriteriaProperties,
    near: { ...matchingCriteriaProperties.near, type: ['object', 'null'] },
    roomsMin: { type: ['integer', 'null'] },
    bedroomsMin: { type: ['integer', 'null'] },
    surfaceMin: { type: ['number', 'null'] },
    version: { type: 'integer', description: 'The dossier version' },
  },
} as const);

export const matchItemSchema = closed({
  $id: 'MatchItem',
  type: 'object',
  properties: {
    annonceId: { type: 'string' },
    score: { type: 'integer', minimum: 0, maximum: 100 },
    explanation: {
      type: 'array',
      items: {
        type: 'object',
        required: ['criterion', 'status', 'detail'],
        properties: {
          criterion: { type: 'string', enum: [...MATCH_CRITERIA] },
          status: { type: 'string', enum: ['MATCH', 'PARTIAL', 'MISS'] },
          detail: { type: 'string' },
          weight: {
            type: 'number',
            description: 'Weight of the criterion in the score (0 = hard criterion)',
          },
        },
      },
    },
    shortlist: {
      type: ['object', 'null'],
      description: 'Set when the listing is already on this dossier’s shortlist (incl. REJECTED)',
      properties: { entryId: { type: 'string' }, status: { type: 'string' } },
    },
    annonce: { $ref: 'Annonce#' },
  },
} as const);

function searchOf(d: ReturnType<typeof dossierView>) {
  const c = criteriaOfDossier(d);
  return {
    transaction: c.transaction,
    budgetMin: d.budgetMin,
    budgetMax: d.budgetMax,
    cities: c.cities,
    zones: c.zones,
    propertyTypes: c.propertyTypes,
    roomsMin: c.roomsMin,
    bedroomsMin: c.bedroomsMin,
    surfaceMin: c.surfaceMin,
    requiredFeatures: c.requiredFeatures,
    niceFeatures: c.niceFeatures,
    near: c.near,
    version: d.version,
  };
}

type SearchBody = { version: number; budgetMin?: number | null; budgetMax?: number | null } & Record<
  string,
  unknown
>;

/** A dossier's search criteria and property matching (F-8.2). */
export default async function matchingRoutes(app: FastifyInstance) {
  app.addSchema(matchItemSchema);
  const load = async (em: Em, id: string) => {
    const d = await em.findOne(Dossier, { id });
    if (!d) throw problems.notFound('Dossier');
    return d;
  };

  app.get<{ Params: { id: string } }>(
    '/dossiers/:id/criteria',
    {
      config: { permission: 'CRM_DEALS_VIEW' },
      schema: {
        tags,
        summary: 'The dossier’s search criteria as matching reads them',
        params: { $ref: 'IdParams#' },
        response: { 200: criteriaView, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => request.tx(async (em) => searchOf(dossierView(await load(em, request.params.id)))),
  );

  app.put<{ Params: { id: string }; Body: SearchBody }>(
    '/dossiers/:id/criteria',
    {
      config: { permission: 'CRM_DEALS_EDIT' },
      schema: {
        tags,
        summary: 'Replace the search criteria (budgets + matching keys of `criteria`; other keys are kept)',
        params: { $ref: 'IdParams#' },
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: {
            version: { type: 'integer', minimum: 1 },
            budgetMin: { type: ['number', 'null'], minimum: 0, maximum: 1e12, description: 'euros' },
            budgetMax: { type: ['number', 'null'], minimum: 0, maximum: 1e12, description: 'euros' },
            ...matchingCriteriaProperties,
          },
        },
        response: { 200: criteriaView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const { version, budgetMin = null, budgetMax = null, ...search } = request.body;
      return request.tx(async (em) => {
        const d = await load(em, request.params.id);
        if (d.version !== version) throw problems.staleVersion('This dossier');
        const errors: FieldError[] = [];
        if (budgetMin !== null && budgetMax !== null && budgetMin > budgetMax)
          errors.push({
            field: 'budgetMax',
            message: 'must be greater than or equal to budgetMin',
            code: 'BELOW_BUDGET_MIN',
          });
        errors.push(
          ...(await unknownCodes(em, criteriaCodes(search))).map((e) => ({
            ...e,
            field: e.field.replace('criteria.', ''),
          })),
        );
        if (errors.length)
          throw problems.unprocessable(
            'validation-error',
            'Invalid search criteria',
            'See errors for each field.',
            {
              errors,
            },
          );
        const before = snapshot(dossierView(d));
        const kept = Object.fromEntries(
          Object.entries(d.criteria ?? {}).filter(([k]) => !(MATCHING_CRITERIA_KEYS as string[]).includes(k)),
        );
        em.assign(d, { budgetMin, budgetMax, criteria: { ...kept, ...search } });
        await em.flush();
        await recomputeDossierScore(em, ctx.orgId, d.id, new Date());
        const after = dossierView(d);
        await recordAudit(em, ctx, {
          entityType: 'Dossier',
          entityId: d.id,
          action: 'UPDATE',
          before,
          after,
        });
        return searchOf(after);
      });
    },
  );

  app.post<{ Params: { id: string }; Querystring: { limit?: number; lang?: 'fr' | 'en' } }>(
    '/dossiers/:id/matches',
    {
      config: { permission: 'CRM_MATCHING_RUN' },
      schema: {
        tags,
        summary: 'Rank the organisation’s AVAILABLE listings against the dossier’s criteria, best first',
        description:
          'Score 0–100 with one explanation line per criterion (definitions/matching.ts documents the formula). Hard: transaction (ACHAT → SALE, LOCATION → RENT) and max budget + tolerance. When nothing matches exactly the closest listings still come back with what does not match. Listings already on the shortlist carry `shortlist`. The run is recorded on the dossier timeline (kind MATCHING) and in guard facts (`matching.*`).',
        params: { $ref: 'IdParams#' },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
            lang: { type: 'string', enum: ['fr', 'en'], description: 'Language of the explanations' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['data', 'criteria'],
            properties: {
              data: { type: 'array', items: { $ref: 'MatchItem#' } },
              criteria: criteriaView,
            },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const result = await runMatching(em, request.tenant(), request.params.id, {
          limit: request.query.limit ?? 10,
          lang: request.query.lang ?? 'fr',
        });
        return { data: result.data, criteria: searchOf(dossierView(await load(em, request.params.id))) };
      }),
  );
}
