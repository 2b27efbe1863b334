import { problems } from '../problem.js';

/** Position in a newest-first feed: the (occurredAt, id) of the last row the client saw. */
export interface FeedCursor {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients; `at` is PostgreSQL's own text of the timestamp, so no microsecond is lost. */
export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string | undefined): FeedCursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && UUID.test(id))
        return { at, id };
    }
  } catch {
    // fall through to the field error
  }
  throw problems.validation([{ field: 'cursor', message: 'is not a cursor returned by this list' }]);
}

/** `?, ?, ?` for an IN list (raw SQL binds one value per placeholder). */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/**
 * Splits a limit+1 fetch into the page and the cursor of its last row (null on the last page).
 * Rows carry `cursor_at` (text of occurred_at) and `id`.
 */
export function pageWithCursor<T extends { cursor_at: string; id: string }>(
  rows: T[],
  limit: number,
): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}

export const cursorQueryProperties = {
  cursor: { type: 'string', maxLength: 500, description: 'Opaque; the `nextCursor` of the previous page' },
  pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 25 },
} as const;
