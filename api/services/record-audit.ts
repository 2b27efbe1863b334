import type { Em } from '../../db/orm.js';
import { parseSort } from '../lib/list.js';
import { placeholders } from './activity-cursor.js';

/** One audit event of a record, with the name of the user who acted (null for the system). */
export interface RecordAuditEventView {
  id: string;
  seq: number | null;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  actorType: string;
  actorName: string | null;
  beforeJson: Record<string, unknown> | null;
  afterJson: Record<string, unknown> | null;
  diffJson: Record<string, unknown> | null;
  correlationId: string | null;
  createdAt: string;
}

interface RecordAuditRow {
  id: string;
  seq: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  actor_id: string | null;
  actor_type: string;
  actor_name: string | null;
  before_json: Record<string, unknown> | null;
  after_json: Record<string, unknown> | null;
  diff_json: Record<string, unknown> | null;
  correlation_id: string | null;
  created_at: Date;
}

export interface RecordAuditQuery {
  /** The audit entity types written under the record's id (e.g. Contact and ContactConsent). */
  entityTypes: readonly string[];
  entityId: string;
  action?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  sort?: string | undefined;
}

function eventView(r: RecordAuditRow): RecordAuditEventView {
  return {
    id: r.id,
    seq: r.seq === null ? null : Number(r.seq),
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    actorId: r.actor_id,
    actorType: r.actor_type,
    actorName: r.actor_name,
    beforeJson: r.before_json,
    afterJson: r.after_json,
    diffJson: r.diff_json,
    correlationId: r.correlation_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** A record's audit trail, newest first (index org_id, entity_type, entity_id), as `{ data, total }`. */
/** Fields `sort` accepts; newest first without it. */
export const RECORD_AUDIT_SORT = ['seq', 'createdAt'] as const;

function orderSql(sort: string | undefined) {
  const orderBy = parseSort(sort, RECORD_AUDIT_SORT, { seq: 'desc' });
  const cols = Object.entries(orderBy).map(([field, dir]) =>
    field === 'seq' ? `a.seq ${dir} nulls ${dir === 'desc' ? 'first' : 'last'}` : `a.created_at ${dir}`,
  );
  return [...cols, `a.created_at desc`, `a.id desc`].join(', ');
}

export async function recordAuditPage(em: Em, orgId: string, q: RecordAuditQuery) {
  const where = ['a.org_id = ?', `a.entity_type in (${placeholders(q.entityTypes)})`, 'a.entity_id = ?'];
  const params: unknown[] = [orgId, ...q.entityTypes, q.entityId];
  if (q.action) {
    where.push('a.action = ?');
    params.push(q.action);
  }
  const pageSize = q.pageSize ?? 25;
  const rows = await em.execute<RecordAuditRow[]>(
    `select a.id, a.seq::text as seq, a.entity_type, a.entity_id, a.action, a.actor_id, a.actor_type,
            u.full_name as actor_name, a.before_json, a.after_json, a.diff_json, a.correlation_id, a.created_at
       from audit_event a left join app_user u on u.id = a.actor_id
      where ${where.join(' and ')}
      order by ${orderSql(q.sort)} limit ? offset ?`,
    [...params, pageSize, ((q.page ?? 1) - 1) * pageSize],
  );
  const count = await em.execute<{ n: string }[]>(
    `select count(*)::text as n from audit_event a where ${where.join(' and ')}`,
    params,
  );
  return { data: rows.map(eventView), total: Number(count[0]?.n ?? 0) };
}
