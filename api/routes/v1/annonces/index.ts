import type { FastifyInstance } from 'fastify';
import { annonceView } from '../../../../db/annonces.js';
import {
  allowedAnnonceTransitions,
  transitionAnnonce,
} from '../../../../services/listings/annonce-transitions.js';
import { Annonce, AnnonceStatusHistory } from '../../../../db/entities/index.js';
import type { Em } from '../../../../db/orm.js';
import { problems } from '../../../problem.js';
import { closed, errorResponses, pageOf } from '../../../schemas/shared.js';
import { createAnnonce, updateAnnonce } from '../../../../services/listings/annonces.js';
import { deleteAnnonce } from '../../../../services/listings/annonce-deletion.js';
import { runIdempotent } from '../../../services/activity-idempotency.js';
import { transitionOptionSchema } from '../dossiers/schemas.js';
import annoncePhotoRoutes from './photos.js';
import { listAnnonces } from './queries.js';
import {
  annonceListQuery,
  createAnnonceBody,
  patchAnnonceBody,
  type AnnonceInput,
  type AnnonceListQuery,
} from './schemas.js';

const tags = ['annonces'];
const langQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { lang: { type: 'string', enum: ['fr', 'en'] } },
} as const;

/** Property listings (F-8.1): CRUD, filters and search, and status moves through the ANNONCE workflow. */
export default async function annonceRoutes(app: FastifyInstance) {
  await app.register(annoncePhotoRoutes);
  const load = async (em: Em, id: string) => {
    const a = await em.findOne(Annonce, { id });
    if (!a) throw problems.notFound('Listing');
    return a;
  };

  app.post<{ Body: AnnonceInput }>(
    '/annonces',
    {
      config: { permission: 'CRM_ANNONCES_EDIT' },
      schema: {
        tags,
        summary: 'Create a listing; it starts in the initial status of the published ANNONCE workflow',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
        body: createAnnonceBody,
        response: { 201: { $ref: 'Annonce#' }, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const answer = await runIdempotent(request, 'POST /annonces', 201, (em) =>
        createAnnonce(em, ctx, request.body),
      );
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.get<{ Querystring: AnnonceListQuery }>(
    '/annonces',
    {
      config: { permission: 'CRM_ANNONCES_VIEW' },
      schema: {
        tags,
        summary: 'List, filter, search and sort listings',
        querystring: annonceListQuery,
        response: { 200: pageOf('Annonce'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => request.tx((em) => listAnnonces(em, request.tenant().orgId, request.query)),
  );

  app.get<{ Params: { id: string } }>(
    '/annonces/:id',
    {
      config: { permission: 'CRM_ANNONCES_VIEW' },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'Annonce#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => request.tx(async (em) => annonceView(await load(em, request.params.id))),
  );

  app.patch<{ Params: { id: string }; Body: Partial<AnnonceInput> & { version: number } }>(
    '/annonces/:id',
    {
      config: { permission: 'CRM_ANNONCES_EDIT' },
      schema: {
        tags,
        summary: 'Edit listing fields (optimistic locking: send the version you read)',
        params: { $ref: 'IdParams#' },
        body: patchAnnonceBody,
        response: { 200: { $ref: 'Annonce#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      request.tx(async (em) =>
        updateAnnonce(em, request.tenant(), await load(em, request.params.id), request.body),
      ),
  );

  app.delete<{ Params: { id: string } }>(
    '/annonces/:id',
    {
      config: { permission: 'CRM_ANNONCES_EDIT' },
      schema: {
        tags,
        summary:
          'Delete a listing entered by mistake; refused (409) once a dossier, shortlist, visit or document refers to it',
        description:
          'Only a listing nothing refers to can be deleted (a duplicate, a typo). Once a dossier, a shortlist entry, an appointment or a document (photo) names it, the answer is 409 `annonce-in-use` with the counts in `blockers`: withdraw it instead (transition to WITHDRAWN), which takes it out of matching and keeps it on record. Audited (action DELETE with the listing as it was).',
        params: { $ref: 'IdParams#' },
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await request.tx((em) => deleteAnnonce(em, request.tenant(), request.params.id));
      return reply.code(204).send();
    },
  );

  const user = (request: {
    principal?: { userId: string; roles: string[]; permissions: Iterable<string> };
  }) => {
    const p = request.principal!;
    return { id: p.userId, roles: p.roles, permissions: [...p.permissions] };
  };

  app.get<{ Params: { id: string }; Querystring: { lang?: 'fr' | 'en' } }>(
    '/annonces/:id/transitions',
    {
      config: { permission: 'CRM_ANNONCES_VIEW', list: { sort: ['to', 'label', 'allowed'] } },
      schema: {
        tags,
        summary: 'Status moves from the current status, each allowed for you or blocked with why',
        params: { $ref: 'IdParams#' },
        querystring: langQuery,
        response: {
          200: {
            type: 'object',
            properties: {
              statusCode: { type: 'string' },
              data: { type: 'array', items: transitionOptionSchema },
            },
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const a = await load(em, request.params.id);
        const data = await allowedAnnonceTransitions(
          em,
          request.tenant(),
          a,
          user(request),
          request.query.lang ?? 'fr',
        );
        return { statusCode: a.statusCode, data };
      }),
  );

  app.post<{
    Params: { id: string };
    Body: { to: string; comment?: string; version?: number };
    Querystring: { lang?: 'fr' | 'en' };
  }>(
    '/annonces/:id/transitions',
    {
      config: { permission: 'CRM_ANNONCES_EDIT' },
      schema: {
        tags,
        summary: 'Move the listing to another status (synchronous, same guards engine as dossiers)',
        description:
          'Runs the latest published ANNONCE definition with the pure checkTransition used for dossiers (permission, roles, required fields, JsonLogic guard over `annonce.*`), then writes status, history and audit in one transaction. No Temporal workflow per listing: definitions with timers are refused for ANNONCE. 403 permission/role, 422 not a declared move or guard refused, 409 stale version or a racing move.',
        params: { $ref: 'IdParams#' },
        querystring: langQuery,
        body: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: {
            to: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{0,63}$' },
            comment: { type: 'string', maxLength: 2000 },
            version: { type: 'integer', minimum: 1, description: 'The listing version you saw; stale → 409' },
          },
        },
        response: { 200: { $ref: 'Annonce#' }, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      // A refused move throws a DomainError (listings context); the error handler maps it to 403/409/422.
      const moved = await request.tx((em) =>
        transitionAnnonce(
          em,
          request.tenant(),
          user(request),
          request.params.id,
          request.body,
          request.query.lang ?? 'fr',
        ),
      );
      if (!moved) throw problems.notFound('Listing');
      return moved;
    },
  );

  app.get<{ Params: { id: string } }>(
    '/annonces/:id/history',
    {
      config: { permission: 'CRM_ANNONCES_VIEW', list: { sort: ['at'] } },
      schema: {
        tags,
        summary: 'Status history of the listing, oldest first',
        params: { $ref: 'IdParams#' },
        response: {
          200: closed({
            type: 'object',
            properties: {
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    from: { type: ['string', 'null'] },
                    to: { type: 'string' },
                    actorId: { type: ['string', 'null'] },
                    at: { type: 'string', format: 'date-time' },
                    comment: { type: ['string', 'null'] },
                    definitionVersion: { type: 'integer' },
                  },
                },
              },
            },
          } as const),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        await load(em, request.params.id);
        const rows = await em.find(
          AnnonceStatusHistory,
          { annonceId: request.params.id },
          { orderBy: { at: 'asc', id: 'asc' } },
        );
        return {
          data: rows.map((h) => ({
            from: h.fromStatus ?? null,
            to: h.toStatus,
            actorId: h.actorId ?? null,
            at: h.at.toISOString(),
            comment: h.comment ?? null,
            definitionVersion: h.definitionVersion,
          })),
        };
      }),
  );
}
