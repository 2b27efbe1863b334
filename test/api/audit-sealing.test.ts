import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createOrm } from '../../db/orm.js';
import { ensureOrganization, ensureUser } from '../../seed/demo-orgs.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { auditSealed } from '../helpers/audit.js';

interface Verify {
  valid: boolean;
  count: number;
  breaks: Array<{ seq: number | null; id?: string; problem: string }>;
  sealedThrough: number;
  unsealed: number;
  lagMs: number;
}

let t: TestApp;
let orgId: string;
let headers: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp();
  // A throwaway organisation: the tampering below must not disturb other tests' chains.
  const slug = `seal-${Date.now().toString(36)}`;
  const ownerOrm = await createOrm(inject('ownerUrl'), 2);
  orgId = await ensureOrganization(ownerOrm, slug, 'Sealing Lab');
  await ensureUser(ownerOrm, orgId, {
    email: `admin@${slug}.test`,
    fullName: 'Seal Admin',
    password: 'demo1234',
    roles: ['ADMIN'],
  });
  await ownerOrm.close(true);
  headers = (await login(t.app, `admin@${slug}.test`, slug)).headers;
});
afterAll(() => t.close());

async function verify(): Promise<Verify> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers });
  expect(res.statusCode).toBe(200);
  return res.json<Verify>();
}

async function connect(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/** One audit row as the application writes it, inside the caller's open transaction. */
async function insertAudit(c: pg.Client, entityId: string) {
  await c.query(
    `insert into audit_event (id, org_id, entity_type, entity_id, action, actor_type, after_json, created_at)
     values ($1, $2, 'Lab', $3, 'CREATE', 'SYSTEM', $4, now())`,
    [randomUUID(), orgId, entityId, JSON.stringify({ name: entityId })],
  );
}

describe('audit rows sealed after commit', () => {
  it('detects a row altered before it was sealed: by its content hash while unsealed, and once sealed', async () => {
    const owner = await connect(inject('ownerUrl'));
    const pause = await connect(inject('ownerUrl'));
    try {
      // Holding the sealers' turn stops every sealer (each finds it taken and waits for its next tick).
      await pause.query(`select pg_advisory_lock(hashtextextended('audit_event:sealer', 0))`);
      const entityId = `forged-${randomUUID()}`;
      await insertAudit(owner, entityId);
      // Someone with superuser rights bypasses the append-only trigger and rewrites the unsealed row.
      await owner.query(`set session_replication_role = replica`);
      const forged = await owner.query<{ id: string; seq: string | null }>(
        `update audit_event set after_json = '{"name":"forged"}' where entity_id = $1 returning id, seq`,
        [entityId],
      );
      await owner.query(`set session_replication_role = origin`);
      const row = forged.rows[0]!;
      expect(row.seq).toBeNull();
      const unsealed = await verify();
      expect(unsealed.valid).toBe(false);
      expect(unsealed.breaks).toContainEqual({
        seq: null,
        id: row.id,
        problem: 'content does not match its hash',
      });
      expect(unsealed.unsealed).toBeGreaterThanOrEqual(1);
      expect(unsealed.lagMs).toBeGreaterThan(0);

      await pause.query(`select pg_advisory_unlock(hashtextextended('audit_event:sealer', 0))`);
      await auditSealed(orgId);
      const sealed = await owner.query<{ seq: string }>('select seq from audit_event where id = $1', [
        row.id,
      ]);
      const report = await verify();
      expect(report.valid).toBe(false);
      expect(report.breaks).toEqual([
        { seq: Number(sealed.rows[0]!.seq), problem: 'content does not match its hash' },
      ]);
      expect(report).toMatchObject({ unsealed: 0, lagMs: 0, sealedThrough: report.count });
    } finally {
      await Promise.all([owner.end(), pause.end()]);
    }
  });

  it('lets two writers of one organisation insert audited rows without waiting for each other', async () => {
    const [a, b] = [await connect(inject('appUrl')), await connect(inject('appUrl'))];
    try {
      for (const c of [a, b]) {
        await c.query('begin');
        await c.query(`select set_config('app.org_id', $1, true)`, [orgId]);
        // A wait on the other writer would fail this statement instead of hanging the test.
        await c.query(`set local statement_timeout = 2000`);
      }
      await insertAudit(a, `writer-a-${randomUUID()}`);
      // a has not committed: b's audited insert must not queue behind it.
      await insertAudit(b, `writer-b-${randomUUID()}`);
      await insertAudit(a, `writer-a-${randomUUID()}`);
      await b.query('commit');
      await a.query('commit');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('seals a burst within a couple of seconds and keeps every chain link', async () => {
    const before = await verify();
    const app = await connect(inject('appUrl'));
    const burst = 3000;
    try {
      await app.query('begin');
      await app.query(`select set_config('app.org_id', $1, true)`, [orgId]);
      await app.query(
        `insert into audit_event (id, org_id, entity_type, entity_id, action, actor_type, after_json, created_at)
         select gen_random_uuid(), $1, 'Lab', 'burst-' || i, 'CREATE', 'SYSTEM', jsonb_build_object('i', i), now()
         from generate_series(1, $2::int) i`,
        [orgId, burst],
      );
      await app.query('commit');
    } finally {
      await app.end();
    }
    const started = Date.now();
    let report = await verify();
    while ((report.unsealed > 0 || report.lagMs > 0) && Date.now() - started < 10_000) {
      await sleep(100);
      report = await verify();
    }
    expect(report).toMatchObject({ unsealed: 0, lagMs: 0 });
    expect(report.count).toBe(before.count + burst);
    expect(report.sealedThrough).toBe(report.count);
    // Only the row forged in the first test breaks the chain: the burst's links all hold.
    expect(report.breaks.filter((b) => b.problem !== 'content does not match its hash')).toEqual([]);
    expect(report.breaks.length).toBe(before.breaks.length);
  });
});
