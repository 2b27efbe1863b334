import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../../../db/audit.js';
import { withTenant, type Em } from '../../../db/orm.js';
import { streamExport, type ExportColumn } from '../../lib/export-stream.js';
import { errorResponses } from '../../schemas/shared.js';
import { activityFilterSql, type ActivityFilters } from '../../services/activity-queries.js';
import { listActivitiesQuery } from '../../services/activity-schemas.js';
import {
  auditExportFilterProperties,
  auditExportSql,
  type AuditExportFilters,
} from '../../services/audit-export-query.js';
import { accountListQuery } from './accounts/queries.js';
import { listAccountsQuery, type ListAccountsQuery } from './accounts/schemas.js';
import { contactListQuery } from './contacts/queries.js';
import { listContactsQuery, type ListContactsQuery } from './contacts/schemas.js';
import { dossierListQuery } from './dossiers/queries.js';
import { listQuery as listDossiersQuery, type ListQuery } from './dossiers/schemas.js';

const cols = (pairs: Array<[string, string]>): ExportColumn[] =>
  pairs.map(([header, key]) => ({ header, key }));

const DOSSIER_COLUMNS = cols([
  ['id', 'id'],
  ['reference', 'reference'],
  ['caseType', 'case_type'],
  ['statusCode', 'status_code'],
  ['title', 'title'],
  ['assignedAgentId', 'assigned_agent_id'],
  ['contactId', 'contact_id'],
  ['source', 'source'],
  ['budgetMin', 'budget_min'],
  ['budgetMax', 'budget_max'],
  ['amount', 'amount'],
  ['probability', 'probability'],
  ['expectedCloseDate', 'expected_close_date'],
  ['closeReasonCode', 'close_reason_code'],
  ['closedAt', 'closed_at'],
  ['definitionVersion', 'definition_version'],
  ['createdAt', 'created_at'],
]);
const CONTACT_COLUMNS = cols([
  ['id', 'id'],
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['status', 'status'],
  ['source', 'source'],
  ['tags', 'tags'],
  ['assignedAgentId', 'assigned_agent_id'],
  ['lastInteractionAt', 'last_interaction_at'],
  ['convertedAt', 'converted_at'],
  ['createdAt', 'created_at'],
]);
const ACCOUNT_COLUMNS = cols([
  ['id', 'id'],
  ['code', 'code'],
  ['name', 'name'],
  ['type', 'type'],
  ['city', 'city'],
  ['country', 'country'],
  ['createdAt', 'created_at'],
]);
const ACTIVITY_COLUMNS = cols([
  ['id', 'id'],
  ['type', 'type'],
  ['direction', 'direction'],
  ['subject', 'subject'],
  ['content', 'content'],
  ['outcome', 'outcome'],
  ['occurredAt', 'occurred_at'],
  ['authorId', 'author_id'],
  ['assigneeId', 'assignee_id'],
  ['contactId', 'contact_id'],
  ['dossierId', 'dossier_id'],
  ['dueAt', 'due_at'],
  ['completedAt', 'completed_at'],
  ['overdue', 'is_overdue'],
  ['correctsId', 'corrects_id'],
]);
const AUDIT_COLUMNS = cols([
  ['seq', 'seq'],
  ['createdAt', 'created_at'],
  ['entityType', 'entity_type'],
  ['entityId', 'entity_id'],
  ['action', 'action'],
  ['actorId', 'actor_id'],
  ['actorType', 'actor_type'],
  ['correlationId', 'correlation_id'],
  ['diff', 'diff_json'],
  ['before', 'before_json'],
  ['after', 'after_json'],
  ['hash', 'hash'],
  ['prevHash', 'prev_hash'],
]);

const format = { type: 'string', enum: ['csv', 'json'], default: 'csv' } as const;
/** A list's filters minus paging, plus the format. */
function exportQuery(list: { properties: Record<string, unknown> }) {
  const { page: _page, pageSize: _size, ...filters } = list.properties;
  return { type: 'object', additionalProperties: false, properties: { ...filters, format } } as const;
}
const fileResponse = {
  200: { description: 'CSV (;, UTF-8 with BOM) or JSON array, streamed', type: 'string' },
  ...errorResponses(400, 401, 403, 429, 503),
};

type Filters = Record<string, unknown>;
type SqlSource = { getKnexQuery(): { toSQL(): { sql: string; bindings: readonly unknown[] } } };
type Format = 'csv' | 'json';
/** An export cut short (client gone, write timeout) is audited too, with the rows that left. */
const cutShort = (complete: boolean) => (complete ? {} : { aborted: true });

export default async function exportRoutes(app: FastifyInstance) {
  const audited = (ctx: ReturnType<FastifyRequest['tenant']>, entity: string, after: Filters) => () =>
    withTenant(app.orm, ctx, (em) =>
      recordAudit(em, ctx, { entityType: 'Export', entityId: entity, action: 'EXPORT', after }),
    );

  const run =
    (
      entity: string,
      columns: ExportColumn[],
      build: (em: Em, orgId: string, filters: Filters) => SqlSource,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = request.tenant();
      const { format = 'csv', ...filters } = request.query as Filters & { format?: Format };
      // Build (and validate) the query first, so a bad filter is a 400, not a broken download.
      const { sql, bindings } = await withTenant(app.orm, ctx, async (em) =>
        build(em, ctx.orgId, filters).getKnexQuery().toSQL(),
      );
      return streamExport(reply, {
        orm: app.orm,
        ctx,
        sql,
        bindings,
        columns,
        format,
        filename: `${entity}-${new Date().toISOString().slice(0, 10)}`,
        onDone: (rows, complete) =>
          audited(ctx, entity, { entity, format, filters, rows, ...cutShort(complete) })(),
      });
    };

  const schema = (summary: string, list: { properties: Record<string, unknown> }) => ({
    tags: ['exports'],
    summary,
    querystring: exportQuery(list),
    response: fileResponse,
  });

  app.get(
    '/exports/dossiers',
    {
      config: { permission: 'EXPORT' },
      schema: schema('Dossiers, filtered like the list', listDossiersQuery),
    },
    run('dossiers', DOSSIER_COLUMNS, (em, orgId, q) =>
      dossierListQuery(em, orgId, q as Omit<ListQuery, 'page' | 'pageSize'>),
    ),
  );
  app.get(
    '/exports/contacts',
    {
      config: { permission: 'EXPORT' },
      schema: schema('Contacts, filtered like the list', listContactsQuery),
    },
    run('contacts', CONTACT_COLUMNS, (em, orgId, q) =>
      contactListQuery(em, orgId, q as Omit<ListContactsQuery, 'page' | 'pageSize'>),
    ),
  );
  app.get(
    '/exports/accounts',
    {
      config: { permission: 'EXPORT' },
      schema: schema('Accounts, filtered like the list', listAccountsQuery),
    },
    run('accounts', ACCOUNT_COLUMNS, (em, orgId, q) =>
      accountListQuery(em, orgId, q as Omit<ListAccountsQuery, 'page' | 'pageSize'>),
    ),
  );

  app.get(
    '/exports/activities',
    {
      config: { permission: 'EXPORT' },
      schema: schema('Activities, filtered like the list', listActivitiesQuery),
    },
    run('activities', ACTIVITY_COLUMNS, (_em, orgId, q) => {
      const { filter, params } = activityFilterSql(orgId, q as ActivityFilters);
      const sql = `select * from (${filter}) r order by r.occurred_at desc, r.id desc`;
      return { getKnexQuery: () => ({ toSQL: () => ({ sql, bindings: params }) }) };
    }),
  );

  app.get<{ Querystring: AuditExportFilters & { format?: Format } }>(
    '/audit/export',
    {
      config: { permission: 'AUDIT_EXPORT' },
      schema: {
        tags: ['audit', 'exports'],
        summary:
          'Sealed audit trail of a period, in chain order, filtered like the audit list (rows seal within ~1 s)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...auditExportFilterProperties, format },
        },
        response: fileResponse,
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const { format: fmt = 'csv', ...filters } = request.query;
      const { sql, bindings } = auditExportSql(ctx.orgId, filters);
      return streamExport(reply, {
        orm: app.orm,
        ctx,
        sql,
        bindings,
        columns: AUDIT_COLUMNS,
        format: fmt,
        filename: `audit-${new Date().toISOString().slice(0, 10)}`,
        onDone: (rows, complete) =>
          audited(ctx, 'audit', { entity: 'audit', format: fmt, ...filters, rows, ...cutShort(complete) })(),
      });
    },
  );
}
