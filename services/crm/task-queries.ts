import type { Em } from '../../db/orm.js';
import { DomainError } from '../domain-error.js';
import { TaskErrorCode } from './error-codes.js';

/**
 * "Mes tâches" (issue 19): the open tasks and next actions of an organisation. A task is an activity
 * with a due date that has no completion and no correction (a correction is how a task moves). Its
 * assignee is the one the reminders go to: the task's own, else the dossier's agent, else its author.
 */
export const TASK_BUCKETS = ['overdue', 'today', 'upcoming', 'all'] as const;
export type TaskBucket = (typeof TASK_BUCKETS)[number];

export interface TaskFilters {
  bucket?: TaskBucket;
  /** `me` (default), `all`, or a user id. */
  assignee?: string;
  /** IANA zone "today" is computed in (the user's browser zone); default Europe/Paris. */
  tz?: string;
  dossierId?: string;
  page?: number;
  pageSize?: number;
  sort?: 'dueAt' | '-dueAt';
}

export interface TaskView {
  id: string;
  type: string;
  subject: string | null;
  content: string | null;
  dueAt: string;
  overdue: boolean;
  assigneeId: string;
  assigneeName: string | null;
  authorId: string;
  dossierId: string | null;
  dossierReference: string | null;
  dossierTitle: string | null;
  contactId: string | null;
  contactName: string | null;
  createdAt: string;
}

interface TaskRow {
  id: string;
  type: string;
  subject: string | null;
  content: string | null;
  due_at: Date;
  is_overdue: boolean;
  assignee: string;
  assignee_name: string | null;
  author_id: string;
  dossier_id: string | null;
  reference: string | null;
  dossier_title: string | null;
  contact_id: string | null;
  contact_name: string | null;
  created_at: Date;
}

export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** Refuses a zone Intl does not know, as a field error (PostgreSQL would fail on it later). */
export function checkTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new DomainError(
      'crm',
      'invalid',
      TaskErrorCode.UNKNOWN_TIME_ZONE,
      `Unknown time zone ${tz}`,
      { timeZone: tz },
      [
        {
          field: 'tz',
          message: 'is not an IANA time zone',
          code: TaskErrorCode.UNKNOWN_TIME_ZONE,
          params: { timeZone: tz },
        },
      ],
    );
  }
}

const OPEN_TASKS = `
  select a.id, a.type, a.subject, a.content, a.due_at, a.author_id, a.dossier_id, a.contact_id, a.created_at,
         coalesce(a.assignee_id, d.assigned_agent_id, a.author_id) as assignee,
         (a.due_at < now()) as is_overdue,
         d.reference, d.title as dossier_title
    from activity a
    left join dossier d on d.id = a.dossier_id
   where a.org_id = ? and a.due_at is not null
     and not exists (select 1 from activity_completion c where c.activity_id = a.id)
     and not exists (select 1 from activity x where x.corrects_id = a.id)`;

/** The start of tomorrow in `tz`, as a timestamptz expression (one `?` for the zone, twice). */
const TOMORROW = `((date_trunc('day', now() at time zone ?) + interval '1 day') at time zone ?)`;

function bucketSql(bucket: TaskBucket, tz: string): { sql: string; params: unknown[] } {
  switch (bucket) {
    case 'overdue':
      return { sql: 't.is_overdue', params: [] };
    case 'today':
      return { sql: `not t.is_overdue and t.due_at < ${TOMORROW}`, params: [tz, tz] };
    case 'upcoming':
      return { sql: `t.due_at >= ${TOMORROW}`, params: [tz, tz] };
    case 'all':
      return { sql: 'true', params: [] };
  }
}

function scopeSql(orgId: string, userId: string, f: TaskFilters) {
  const params: unknown[] = [orgId];
  const where: string[] = [];
  const assignee = f.assignee ?? 'me';
  if (assignee !== 'all') {
    where.push('t.assignee = ?');
    params.push(assignee === 'me' ? userId : assignee);
  }
  if (f.dossierId) {
    where.push('t.dossier_id = ?');
    params.push(f.dossierId);
  }
  return { where, params };
}

export async function listTasks(em: Em, orgId: string, userId: string, f: TaskFilters) {
  const tz = f.tz ?? DEFAULT_TIME_ZONE;
  checkTimeZone(tz);
  const scope = scopeSql(orgId, userId, f);
  const bucket = bucketSql(f.bucket ?? 'all', tz);
  const where = [...scope.where, bucket.sql].join(' and ');
  const params = [...scope.params, ...bucket.params];
  const limit = f.pageSize ?? 25;
  const offset = ((f.page ?? 1) - 1) * limit;
  const direction = f.sort === '-dueAt' ? 'desc' : 'asc';
  // Sequential: both run on the request's one transaction connection.
  const rows = await em.execute<TaskRow[]>(
    `select t.*, u.full_name as assignee_name,
            nullif(trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')), '') as contact_name
       from (${OPEN_TASKS}) t
       left join app_user u on u.id = t.assignee
       left join contact c on c.id = t.contact_id
      where ${where}
      order by t.due_at ${direction}, t.id ${direction}
      limit ? offset ?`,
    [...params, limit, offset],
  );
  const count = await em.execute<{ n: string }[]>(
    `select count(*)::text as n from (${OPEN_TASKS}) t where ${where}`,
    params,
  );
  return { data: rows.map(toTaskView), total: Number(count[0]?.n ?? 0) };
}

/** How many open tasks fall in each bucket, for the tabs and the dashboard. */
export async function countTasks(
  em: Em,
  orgId: string,
  userId: string,
  f: Pick<TaskFilters, 'assignee' | 'tz'>,
): Promise<{ overdue: number; today: number; upcoming: number }> {
  const tz = f.tz ?? DEFAULT_TIME_ZONE;
  checkTimeZone(tz);
  const scope = scopeSql(orgId, userId, f);
  const where = scope.where.length ? `where ${scope.where.join(' and ')}` : '';
  const rows = await em.execute<{ overdue: string; today: string; upcoming: string }[]>(
    `select count(*) filter (where t.is_overdue)::text as overdue,
            count(*) filter (where not t.is_overdue and t.due_at < ${TOMORROW})::text as today,
            count(*) filter (where t.due_at >= ${TOMORROW})::text as upcoming
       from (${OPEN_TASKS}) t ${where}`,
    [tz, tz, tz, tz, ...scope.params],
  );
  const r = rows[0];
  return {
    overdue: Number(r?.overdue ?? 0),
    today: Number(r?.today ?? 0),
    upcoming: Number(r?.upcoming ?? 0),
  };
}

function toTaskView(r: TaskRow): TaskView {
  return {
    id: r.id,
    type: r.type,
    subject: r.subject,
    content: r.content,
    dueAt: new Date(r.due_at).toISOString(),
    overdue: r.is_overdue,
    assigneeId: r.assignee,
    assigneeName: r.assignee_name,
    authorId: r.author_id,
    dossierId: r.dossier_id,
    dossierReference: r.reference,
    dossierTitle: r.dossier_title,
    contactId: r.contact_id,
    contactName: r.contact_name,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
