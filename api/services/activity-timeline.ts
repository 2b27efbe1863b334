import type { Em } from '../../db/orm.js';
import { decodeCursor, pageWithCursor } from './activity-cursor.js';

export interface MessageView {
  id: string;
  dossierId: string | null;
  contactId: string | null;
  direction: string;
  channel: string;
  content: string;
  timestamp: string;
  deliveryStatus: string;
  deliveryStatusAt: string | null;
  providerId: string | null;
  toAddress: string | null;
  subject: string | null;
  failureReason: string | null;
  attempts: number;
  authorId: string | null;
  createdAt: string;
}

interface MessageRow {
  id: string;
  dossier_id: string | null;
  contact_id: string | null;
  direction: string;
  channel: string;
  content: string;
  timestamp: Date;
  delivery_status: string;
  delivery_status_at: Date | null;
  provider_id: string | null;
  to_address?: string | null;
  subject?: string | null;
  failure_reason?: string | null;
  attempts?: number;
  author_id: string | null;
  created_at: Date;
  cursor_at: string;
}

export function messageView(r: MessageRow): MessageView {
  return {
    id: r.id,
    dossierId: r.dossier_id,
    contactId: r.contact_id,
    direction: r.direction,
    channel: r.channel,
    content: r.content,
    timestamp: new Date(r.timestamp).toISOString(),
    deliveryStatus: r.delivery_status,
    deliveryStatusAt: r.delivery_status_at ? new Date(r.delivery_status_at).toISOString() : null,
    providerId: r.provider_id,
    toAddress: r.to_address ?? null,
    subject: r.subject ?? null,
    failureReason: r.failure_reason ?? null,
    attempts: r.attempts ?? 0,
    authorId: r.author_id,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** One message as the API shows it; undefined when it is not in the caller's organisation. */
export async function loadMessageView(em: Em, id: string): Promise<MessageView | undefined> {
  const rows = await em.execute<MessageRow[]>(`select *, '' as cursor_at from message where id = ?`, [id]);
  return rows[0] ? messageView(rows[0]) : undefined;
}

interface Keyset {
  cursor?: string | undefined;
  pageSize?: number | undefined;
}

/** Adds the keyset condition after a cursor and fetches one row more than the page to know if more exist. */
function keysetClause(column: string, q: Keyset, where: string[], params: unknown[]): number {
  const cursor = decodeCursor(q.cursor);
  if (cursor) {
    where.push(`(${column}, id) < (?::timestamptz, ?::uuid)`);
    params.push(cursor.at, cursor.id);
  }
  return q.pageSize ?? 25;
}

export interface MessageFilters extends Keyset {
  channel?: string | undefined;
  direction?: string | undefined;
}

/** A dossier's messages, newest first (index org_id, dossier_id, timestamp desc). */
export async function listMessages(em: Em, orgId: string, dossierId: string, f: MessageFilters) {
  const where = ['org_id = ?', 'dossier_id = ?'];
  const params: unknown[] = [orgId, dossierId];
  if (f.channel) {
    where.push('channel = ?');
    params.push(f.channel);
  }
  if (f.direction) {
    where.push('direction = ?');
    params.push(f.direction);
  }
  const countParams = [...params];
  const countWhere = [...where];
  const limit = keysetClause('"timestamp"', f, where, params);
  const rows = await em.execute<MessageRow[]>(
    `select *, to_json("timestamp") #>> '{}' as cursor_at from message where ${where.join(' and ')}
      order by "timestamp" desc, id desc limit ?`,
    [...params, limit + 1],
  );
  const count = await em.execute<{ n: string }[]>(
    `select count(*)::text as n from message where ${countWhere.join(' and ')}`,
    countParams,
  );
  const page = pageWithCursor(rows, limit);
  return { data: page.rows.map(messageView), total: Number(count[0]?.n ?? 0), nextCursor: page.nextCursor };
}
