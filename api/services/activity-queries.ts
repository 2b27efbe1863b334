import type { Em } from '../../db/orm.js';
import { decodeCursor, pageWithCursor, placeholders } from './activity-cursor.js';

export interface ActivityView {
  id: string;
  type: string;
  direction: string;
  subject: string | null;
  content: string | null;
  outcome: string | null;
  occurredAt: string;
  authorId: string;
  assigneeId: string | null;
  contactId: string | null;
  dossierId: string | null;
  dueAt: string | null;
  correctsId: string | null;
  /** The first correction of this activity, if any (a corrected task is no longer open). */
  correctedById: string | null;
  completedAt: string | null;
  completedBy: string | null;
  completionOutcome: string | null;
  completionNote: string | null;
  open: boolean;
  overdue: boolean;
  createdAt: string;
}

interface ActivityRow {
  id: string;
  type: string;
  direction: string;
  subject: string | null;
  content: string | null;
  outcome: string | null;
  occurred_at: Date;
  author_id: string;
  assignee_id: string | null;
  contact_id: string | null;
  dossier_id: string | null;
  due_at: Date | null;
  corrects_id: string | null;
  corrected_by_id: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  completion_outcome: string | null;
  completion_note: string | null;
  is_open: boolean;
  is_overdue: boolean;
  created_at: Date;
  cursor_at: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toView(r: ActivityRow): ActivityView {
  return {
    id: r.id,
    type: r.type,
    direction: r.direction,
    subject: r.subject,
    content: r.content,
    outcome: r.outcome,
    occurredAt: iso(r.occurred_at)!,
    authorId: r.author_id,
    assigneeId: r.assignee_id,
    contactId: r.contact_id,
    dossierId: r.dossier_id,
    dueAt: iso(r.due_at),
    correctsId: r.corrects_id,
    correctedById: r.corrected_by_id,
    completedAt: iso(r.completed_at),
    completedBy: r.completed_by,
    completionOutcome: r.completion_outcome,
    completionNote: r.completion_note,
    open: r.is_open,
    overdue: r.is_overdue,
    createdAt: iso(r.created_at)!,
  };
}

/** Activity rows with their completion, first correction and the open/overdue flags computed now. */
const SELECT_ACTIVITIES = `
  select a.*, to_json(a.occurred_at) #>> '{}' as cursor_at,
         c.completed_at, c.completed_by, c.outcome as completion_outcome, c.note as completion_note,
         x.id as corrected_by_id,
         (a.due_at is not null and c.id is null and x.id is null) as is_open,
         (a.due_at is not null and c.id is null and x.id is null and a.due_at < now()) as is_overdue
    from activity a
    left join activity_completion c on c.activity_id = a.id
    left join lateral (select y.id from activity y where y.corrects_id = a.id
                        order by y.created_at, y.id limit 1) x on true`;

export interface ActivityFilters {
  type?: string[];
  dossierId?: string;
  contactId?: string;
  authorId?: string;
  from?: string;
  to?: string;
  overdue?: boolean;
  open?: boolean;
  cursor?: string;
  page?: number;
  pageSize?: number;
}

export async function findActivity(em: Em, orgId: string, id: string): Promise<ActivityView | undefined> {
  const rows = await em.execute<ActivityRow[]>(`${SELECT_ACTIVITIES} where a.org_id = ? and a.id = ?`, [
    orgId,
    id,
  ]);
  return rows[0] ? toView(rows[0]) : undefined;
}

/** Newest first; `cursor` (keyset) wins over `page` (offset). */
/** The list's filters as SQL (activities with their completion and open/overdue flags): list and export. */
export function activityFilterSql(orgId: string, f: ActivityFilters): { filter: string; params: unknown[] } {
  const where: string[] = ['a.org_id = ?'];
  const params: unknown[] = [orgId];
  if (f.type?.length) {
    where.push(`a.type in (${placeholders(f.type)})`);
    params.push(...f.type);
  }
  for (const [column, value] of [
    ['dossier_id', f.dossierId],
    ['contact_id', f.contactId],
    ['author_id', f.authorId],
  ] as const) {
    if (value) {
      where.push(`a.${column} = ?`);
      params.push(value);
    }
  }
  if (f.from) {
    where.push('a.occurred_at >= ?::timestamptz');
    params.push(f.from);
  }
  if (f.to) {
    where.push('a.occurred_at < ?::timestamptz');
    params.push(f.to);
  }
  const filter = `select * from (${SELECT_ACTIVITIES} where ${where.join(' and ')}) r
    where (? = false or r.is_open) and (? = false or r.is_overdue)`;
  params.push(f.open === true, f.overdue === true);
  return { filter, params };
}

export async function listActivities(em: Em, orgId: string, f: ActivityFilters) {
  const { filter, params } = activityFilterSql(orgId, f);

  const limit = f.pageSize ?? 25;
  const cursor = decodeCursor(f.cursor);
  const keyset = cursor ? 'where (r.occurred_at, r.id) < (?::timestamptz, ?::uuid)' : '';
  const offset = cursor ? 0 : ((f.page ?? 1) - 1) * limit;
  // Sequential: both run on the request's single transaction connection.
  const rows = await em.execute<ActivityRow[]>(
    `select * from (${filter}) r ${keyset} order by r.occurred_at desc, r.id desc limit ? offset ?`,
    [...params, ...(cursor ? [cursor.at, cursor.id] : []), limit + 1, offset],
  );
  const count = await em.execute<{ n: string }[]>(`select count(*)::text as n from (${filter}) r`, params);
  const page = pageWithCursor(rows, limit);
  return { data: page.rows.map(toView), total: Number(count[0]?.n ?? 0), nextCursor: page.nextCursor };
}
