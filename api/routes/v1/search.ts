import type { FastifyInstance } from 'fastify';
import type { Permission } from '../../../definitions/permissions.js';
import { globalSearch, SEARCH_KIND_PERMISSION, SEARCH_KINDS } from '../../../services/crm/search.js';
import { SEARCH_MAX_LENGTH, SEARCH_MAX_PER_KIND } from '../../../services/crm/search-terms.js';
import { errorResponses } from '../../schemas/shared.js';

/** Any one read permission opens the search; each kind is then searched only with its own. */
const READERS = [...new Set(Object.values(SEARCH_KIND_PERMISSION))] as Permission[];

const item = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind', 'title', 'subtitle', 'href'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: [...SEARCH_KINDS] },
    title: { type: 'string' },
    subtitle: { type: ['string', 'null'], description: 'email and phone, reference, code or city, group' },
    href: { type: 'string', description: "the record's page in the admin UI" },
  },
} as const;

const group = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'total', 'items'],
  properties: {
    kind: { type: 'string', enum: [...SEARCH_KINDS] },
    total: { type: 'integer', minimum: 0, description: 'all matches of this kind (items holds the first)' },
    items: { type: 'array', items: item },
  },
} as const;

interface SearchQuery {
  q: string;
  limit: number;
}

/** One search box (issue 19): every kind the caller may read, accents and case ignored. */
export default async function searchRoutes(app: FastifyInstance) {
  app.get<{ Querystring: SearchQuery }>(
    '/search',
    {
      config: { permission: READERS },
      schema: {
        operationId: 'search',
        tags: ['search'],
        summary:
          'Search contacts, dossiers, accounts, listings and coop members at once, grouped by kind (only the kinds the caller may read)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['q'],
          properties: {
            q: {
              type: 'string',
              minLength: 1,
              maxLength: SEARCH_MAX_LENGTH,
              description:
                'Words (prefixes; accents and case ignored), a reference, an email or a phone number in any format',
            },
            limit: { type: 'integer', minimum: 1, maximum: SEARCH_MAX_PER_KIND, default: 5 },
          },
        },
        response: {
          200: {
            type: 'object',
            additionalProperties: false,
            required: ['groups'],
            properties: { groups: { type: 'array', items: group } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { orgId } = request.tenant();
      const { permissions } = request.principal!;
      return request.tx((em) => globalSearch(em, { orgId, permissions, ...request.query }));
    },
  );
}
