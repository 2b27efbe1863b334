import type { FastifyInstance } from 'fastify';
import { Annonce, Dossier } from '../../../db/entities/index.js';
import type { Em } from '../../../db/orm.js';
import type { Permission } from '../../../definitions/permissions.js';
import { pageQueryProperties, sortQuery } from '../../lib/list.js';
import { problems } from '../../problem.js';
import { closed, errorResponses, pageOf } from '../../schemas/shared.js';
import { loadAccount } from '../../../services/crm/contact-accounts.js';
import { loadContact } from '../../../services/crm/contact-lifecycle.js';
import { RECORD_AUDIT_SORT, recordAuditPage } from '../../services/record-audit.js';

const recordAuditEventSchema = closed({
  $id: 'RecordAuditEvent',
  type: 'object',
  description: "An audit event of one record, with the acting user's name",
  properties: {
    id: { type: 'string' },
    seq: { type: ['integer', 'null'] },
    entityType: { type: 'string' },
    entityId: { type: 'string' },
    action: { type: 'string' },
    actorId: { type: ['string', 'null'] },
    actorType: { type: 'string', description: 'USER or SYSTEM' },
    actorName: { type: ['string', 'null'], description: 'Full name of the acting user; null for SYSTEM' },
    beforeJson: { type: ['object', 'null'], additionalProperties: true },
    afterJson: { type: ['object', 'null'], additionalProperties: true },
    diffJson: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: '`{ field: { from, to } }` of what changed',
    },
    correlationId: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const);

const recordAuditQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    page: pageQueryProperties.page,
    pageSize: pageQueryProperties.pageSize,
    sort: sortQuery(RECORD_AUDIT_SORT),
    action: {
      type: 'string',
      maxLength: 32,
      description: 'Only this action (CREATE, UPDATE, TRANSITION, …)',
    },
  },
} as const;

interface RecordAuditRoute {
  path: string;
  permission: Permission;
  summary: string;
  entityTypes: readonly string[];
  /** Throws a 404 problem when the record is not in the caller's organisation. */
  assertVisible(em: Em, id: string): Promise<unknown>;
}

const ROUTES: RecordAuditRoute[] = [
  {
    path: '/dossiers/:id/audit',
    permission: 'CRM_DEALS_VIEW',
    summary: 'Audit trail of a dossier (edits, transitions, migrations, consents, shortlist), newest first',
    entityTypes: ['Dossier', 'DossierConsent', 'DossierShortlist'],
    assertVisible: async (em, id) => {
      if (!(await em.findOne(Dossier, { id }, { fields: ['id'] }))) throw problems.notFound('Dossier');
    },
  },
  {
    path: '/contacts/:id/audit',
    permission: 'CRM_CONTACTS_VIEW',
    summary: 'Audit trail of a contact (edits, roles, conversion, merge, consents), newest first',
    entityTypes: ['Contact', 'ContactConsent'],
    assertVisible: loadContact,
  },
  {
    path: '/accounts/:id/audit',
    permission: 'CRM_CONTACTS_VIEW',
    summary: 'Audit trail of an account (edits, contact links, conversion), newest first',
    entityTypes: ['Account'],
    assertVisible: loadAccount,
  },
  {
    path: '/annonces/:id/audit',
    permission: 'CRM_ANNONCES_VIEW',
    summary: 'Audit trail of a property listing (creation, edits, status moves), newest first',
    entityTypes: ['Annonce'],
    assertVisible: async (em, id) => {
      if (!(await em.findOne(Annonce, { id }, { fields: ['id'] }))) throw problems.notFound('Listing');
    },
  },
];

/**
 * One record's audit trail for whoever may view the record — the organisation-wide trail stays
 * AUDIT_VIEW (`/audit`). Paginated `{ data, total }`; 404 for a record of another organisation.
 */
export default async function recordAuditRoutes(app: FastifyInstance) {
  app.addSchema(recordAuditEventSchema);
  for (const route of ROUTES) {
    app.get<{
      Params: { id: string };
      Querystring: { page?: number; pageSize?: number; sort?: string; action?: string };
    }>(
      route.path,
      {
        config: { permission: route.permission },
        schema: {
          tags: ['audit'],
          summary: route.summary,
          params: { $ref: 'IdParams#' },
          querystring: recordAuditQuery,
          response: { 200: pageOf('RecordAuditEvent'), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        request.tx(async (em) => {
          await route.assertVisible(em, request.params.id);
          return recordAuditPage(em, request.tenant().orgId, {
            entityTypes: route.entityTypes,
            entityId: request.params.id,
            ...request.query,
          });
        }),
    );
  }
}
