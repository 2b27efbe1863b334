import type { Em } from '../../db/orm.js';
import { problems } from '../problem.js';
import { decodeCursor, pageWithCursor, placeholders } from './activity-cursor.js';
import { timelineCode, type TimelineParam } from './timeline-codes.js';

/** The filters a contact's and a dossier's timelines share (lists are "any of"). */
export interface TimelineFilters {
  cursor?: string | undefined;
  pageSize?: number | undefined;
  /** Deprecated page number (dossier timeline only), for callers from before the cursor. */
  page?: number | undefined;
  kind?: string[] | undefined;
  channel?: string[] | undefined;
  direction?: string[] | undefined;
  authorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Whose timeline: the timeline_event column that carries the record, and its id. */
export type TimelineSubject = { contactId: string } | { dossierId: string };

export interface TimelineEventView {
  id: string;
  dossierId: string | null;
  contactId: string | null;
  kind: string;
  channel: string | null;
  direction: string | null;
  authorId: string | null;
  title: string;
  /** Stable event code and its parameters: what a client phrases in its user's language. */
  code: string;
  params: Record<string, TimelineParam>;
  body: string | null;
  payload: Record<string, unknown> | null;
  occurredAt: string;
}

interface TimelineRow {
  id: string;
  dossier_id: string | null;
  contact_id: string | null;
  kind: string;
  channel: string | null;
  direction: string | null;
  author_id: string | null;
  title: string;
  body: string | null;
  payload: Record<string, unknown> | null;
  occurred_at: Date;
  cursor_at: string;
}

function eventView(r: TimelineRow): TimelineEventView {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    contactId: r.contact_id,
    kind: r.kind,
    channel: r.channel,
    direction: r.direction,
    authorId: r.author_id,
    title: r.title,
    ...timelineCode(r),
    body: r.body,
    payload: r.payload,
    occurredAt: new Date(r.occurred_at).toISOString(),
  };
}

/** The WHERE of a timeline: its subject, then every filter given. */
function filterSql(orgId: string, subject: TimelineSubject, f: TimelineFilters) {
  const where = ['org_id = ?', 'contactId' in subject ? 'contact_id = ?' : 'dossier_id = ?'];
  const params: unknown[] = [orgId, 'contactId' in subject ? subject.contactId : subject.dossierId];
  for (const [column, values] of [
    ['kind', f.kind],
    ['channel', f.channel],
    ['direction', f.direction],
  ] as const) {
    if (values?.length) {
      where.push(`${column} in (${placeholders(values)})`);
      params.push(...values);
    }
  }
  if (f.authorId) {
    where.push('author_id = ?');
    params.push(f.authorId);
  }
  if (f.from) {
    where.push('occurred_at >= ?::timestamptz');
    params.push(f.from);
  }
  if (f.to) {
    where.push('occurred_at < ?::timestamptz');
    params.push(f.to);
  }
  return { where, params };
}

/**
 * Everything that happened around a contact or a dossier (timeline_event), newest first, one page:
 * `{ data, total, nextCursor }` where `total` counts every event matching the filters. Pages follow
 * `cursor` (keyset on occurred_at, id); a `page` number without a cursor skips whole pages instead.
 */
export async function timelinePage(em: Em, orgId: string, subject: TimelineSubject, f: TimelineFilters) {
  const pageSize = f.pageSize ?? 25;
  const cursor = decodeCursor(f.cursor);
  const pageNo = f.page ?? 1;
  if (cursor && pageNo > 1)
    throw problems.validation([
      { field: 'page', message: 'cannot be combined with cursor; follow nextCursor' },
    ]);
  const { where, params } = filterSql(orgId, subject, f);
  const count = await em.execute<{ n: string }[]>(
    `select count(*)::text as n from timeline_event where ${where.join(' and ')}`,
    params,
  );
  if (cursor) {
    where.push('(occurred_at, id) < (?::timestamptz, ?::uuid)');
    params.push(cursor.at, cursor.id);
  }
  const rows = await em.execute<TimelineRow[]>(
    `select *, to_json(occurred_at) #>> '{}' as cursor_at from timeline_event where ${where.join(' and ')}
      order by occurred_at desc, id desc limit ? offset ?`,
    [...params, pageSize + 1, cursor ? 0 : (pageNo - 1) * pageSize],
  );
  const page = pageWithCursor(rows, pageSize);
  return { data: page.rows.map(eventView), total: Number(count[0]?.n ?? 0), nextCursor: page.nextCursor };
}
