import type { FastifyInstance } from 'fastify';
import { documentView } from '../../../../db/documents.js';
import { Annonce, Document } from '../../../../db/entities/index.js';
import { problems } from '../../../problem.js';
import { errorResponses } from '../../../schemas/shared.js';

/**
 * Photos of a listing are documents (owner type ANNONCE) in the shared document store: uploaded with
 * `POST /documents` (ownerType ANNONCE, kind PHOTO; JPEG, PNG, WebP or PDF, sha256 checked on read),
 * served by `GET /documents/{id}/content`, listed here.
 */
export default async function annoncePhotoRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>(
    '/annonces/:id/photos',
    {
      config: { permission: 'CRM_ANNONCES_VIEW', list: { sort: ['createdAt', 'fileName'] } },
      schema: {
        tags: ['annonces'],
        summary: 'Photos (documents) of the listing, newest first',
        params: { $ref: 'IdParams#' },
        response: {
          200: {
            type: 'object',
            properties: { data: { type: 'array', items: { $ref: 'Document#' } }, total: { type: 'integer' } },
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        if (!(await em.count(Annonce, { id: request.params.id }))) throw problems.notFound('Listing');
        const docs = await em.find(
          Document,
          { ownerType: 'ANNONCE', ownerId: request.params.id },
          { orderBy: { createdAt: 'desc' } },
        );
        return { data: docs.map(documentView), total: docs.length };
      }),
  );
}
