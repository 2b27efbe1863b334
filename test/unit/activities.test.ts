import { describe, expect, it } from 'vitest';
import { timelineChannelOf, timelineDirectionOf } from '../../db/activities.js';
import { HttpProblem } from '../../api/problem.js';
import {
  decodeCursor,
  encodeCursor,
  pageWithCursor,
  placeholders,
} from '../../api/services/activity-cursor.js';

const ID = '0b7f3c1e-8d2a-4c55-9e61-2f0a7b9c4d10';

describe('feed cursors', () => {
  it('round-trip (occurredAt, id) through an opaque base64url string, microseconds included', () => {
    const at = '2026-11-22T10:15:30.123456+00:00';
    const raw = encodeCursor({ at, id: ID });
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw)).toEqual({ at, id: ID });
  });

  it('treat an absent cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['not base64 json', 'bm9wZQ'],
    ['a bad id', Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'x'])).toString('base64url')],
    ['a bad date', Buffer.from(JSON.stringify(['yesterday', ID])).toString('base64url')],
    ['the wrong shape', Buffer.from(JSON.stringify({ at: 1 })).toString('base64url')],
  ])('refuse %s with a field error on cursor', (_label, raw) => {
    let caught: unknown;
    try {
      decodeCursor(raw);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(HttpProblem);
    expect((caught as HttpProblem).status).toBe(400);
    expect((caught as HttpProblem).extra.errors?.[0]?.field).toBe('cursor');
  });

  it('page a limit+1 fetch: a next cursor only when more rows exist, pointing at the last row shown', () => {
    const rows = [1, 2, 3].map((n) => ({
      id: `${ID.slice(0, -1)}${n}`,
      cursor_at: `2026-01-0${n}T00:00:00Z`,
    }));
    const more = pageWithCursor(rows, 2);
    expect(more.rows).toHaveLength(2);
    expect(decodeCursor(more.nextCursor!)).toEqual({ at: rows[1]!.cursor_at, id: rows[1]!.id });
    expect(pageWithCursor(rows, 3).nextCursor).toBeNull();
    expect(pageWithCursor([], 3)).toEqual({ rows: [], nextCursor: null });
  });

  it('bind one placeholder per value', () => {
    expect(placeholders(['a', 'b', 'c'])).toBe('?, ?, ?');
  });
});

describe('timeline vocabulary', () => {
  it('maps activity types to channels and directions to the message vocabulary', () => {
    expect(timelineChannelOf('CALL')).toBe('PHONE');
    expect(timelineChannelOf('WHATSAPP')).toBe('WHATSAPP');
    expect(timelineChannelOf('VISIT')).toBeNull();
    expect(timelineDirectionOf('IN')).toBe('INBOUND');
    expect(timelineDirectionOf('OUT')).toBe('OUTBOUND');
    expect(timelineDirectionOf('INTERNAL')).toBe('INTERNAL');
  });
});
