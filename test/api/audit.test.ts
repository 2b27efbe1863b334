import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createOrm } from '../../db/orm.js';
import { ensureOrganization, ensureUser } from '../../seed/demo-orgs.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { auditSealed } from '../helpers/audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query<T>(text, params);
  } finally {
    await c.end();
  }
}

describe('audit trail', () => {
  it('is append-only for the application role (no UPDATE, DELETE)', async () => {
    await expect(sql(inject('appUrl'), `update audit_event set action = 'X'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(sql(inject('appUrl'), `delete from audit_event`)).rejects.toThrow(/permission denied/);
  });

  it('refuses UPDATE and DELETE even for the owner, through a trigger', async () => {
    await expect(sql(inject('ownerUrl'), `update audit_event set action = 'X'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql(inject('ownerUrl'), `delete from audit_event`)).rejects.toThrow(/append-only/);
  });

  it('chains events per organisation and verify detects a tampered row', async () => {
    // A throwaway organisation, so tampering cannot disturb other tests.
    const slug = `audit-${Date.now().toString(36)}`;
    const ownerOrm = await createOrm(inject('ownerUrl'), 2);
    const orgId = await ensureOrganization(ownerOrm, slug, 'Audit Lab');
    await ensureUser(ownerOrm, orgId, {
      email: `admin@${slug}.test`,
      fullName: 'Lab Admin',
      password: 'demo1234',
      roles: ['ADMIN'],
    });
    await ownerOrm.close(true);
    const { headers } = await login(t.app, `admin@${slug}.test`, slug);
    for (const name of ['One', 'Two', 'Three']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/roles',
        headers,
        payload: { code: `R_${name.toUpperCase()}`, name, permissions: [] },
      });
      expect(res.statusCode).toBe(201);
    }
    await auditSealed(orgId);
    const events = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?pageSize=50', headers })).json()
      .data;
    expect(events[0].seq).toBeGreaterThan(events[1].seq);
    expect(events[0].prevHash).toBe(events[1].hash);
    expect(events[0].correlationId).toBeTruthy();
    // Each event names its actor; the user filter offers the actors by name.
    expect(events[0]).toMatchObject({ actorName: 'Lab Admin', actorId: expect.any(String) });
    const actors = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/actors', headers })).json();
    expect(actors.data).toEqual([{ id: events[0].actorId, fullName: 'Lab Admin', isActive: true }]);
    const byActor = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?actorId=${events[0].actorId}&action=CREATE&entityType=Role`,
      headers,
    });
    expect(byActor.json().data.map((e: { actorName: string }) => e.actorName)).toEqual([
      'Lab Admin',
      'Lab Admin',
      'Lab Admin',
    ]);

    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers });
    expect(ok.json()).toMatchObject({ valid: true, breaks: [] });
    expect(ok.json().count).toBe(events.length);

    // Someone with superuser rights bypasses the trigger and rewrites a row…
    const forged = events[1];
    await sql(
      inject('ownerUrl'),
      `set session_replication_role = replica;
       update audit_event set after_json = '{"name":"forged"}' where id = '${forged.id}';
       set session_replication_role = origin;`,
    );
    const broken = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers });
    expect(broken.json().valid).toBe(false);
    expect(broken.json().breaks).toEqual([{ seq: forged.seq, problem: 'content does not match its hash' }]);

    // …or deletes one: the link after the gap breaks.
    const removed = events[3];
    await sql(
      inject('ownerUrl'),
      `set session_replication_role = replica; delete from audit_event where id = '${removed.id}'; set session_replication_role = origin;`,
    );
    const gap = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers });
    expect(gap.json().breaks).toContainEqual({
      seq: removed.seq + 1,
      problem: 'link to the previous event is broken',
    });
  });

  it('needs AUDIT_VIEW', async () => {
    const { headers } = await login(t.app, 'agent@demo.test', 'demo');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/actors', headers })).statusCode).toBe(
      403,
    );
  });
});
