import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect, inject } from 'vitest';
import type { login, TestApp } from './app.js';

export type Session = Awaited<ReturnType<typeof login>>;
export interface ActivityBody {
  id: string;
  type: string;
  subject: string | null;
  dossierId: string | null;
  contactId: string | null;
  correctsId: string | null;
  correctedById: string | null;
  completedAt: string | null;
  open: boolean;
  overdue: boolean;
}
export interface CursorPage<T> {
  data: T[];
  total: number;
  nextCursor: string | null;
}

/** A pg transaction as the given role (app or owner URL) scoped to one organisation; always rolled back. */
export async function withClient<T>(
  url: string,
  orgId: string,
  fn: (c: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('app.org_id', $1, true)`, [orgId]);
    return await fn(client);
  } finally {
    await client.query('rollback').catch(() => undefined);
    await client.end();
  }
}

export async function contactTablePresent(orgId: string): Promise<boolean> {
  const rows = await withClient(inject('ownerUrl'), orgId, (c) =>
    c.query<{ ok: boolean }>(`select to_regclass('public.contact') is not null as ok`),
  );
  return rows.rows[0]?.ok === true;
}

/** A real contact once the contacts feature has its table, else any id (the timeline only needs the id). */
export async function contactIdFor(t: TestApp, s: Session): Promise<string> {
  if (!(await contactTablePresent(s.user.orgId))) return randomUUID();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts',
    headers: s.headers,
    payload: { firstName: 'Timeline', lastName: 'Test', email: `tl-${randomUUID()}@example.test` },
  });
  if (res.statusCode !== 201) throw new Error(`create contact failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

export function postActivity(
  t: TestApp,
  s: Session,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/activities',
    headers: { ...s.headers, ...headers },
    payload,
  });
}

export async function logActivity(t: TestApp, s: Session, payload: Record<string, unknown>) {
  const res = await postActivity(t, s, payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ActivityBody>();
}

export async function getJson<T>(t: TestApp, s: Session, url: string): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
}
