import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { User } from '../../db/entities/index.js';
import { withTenant } from '../../db/orm.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';

let t: TestApp;
let demoOrg: string;
let rivalOrg: string;
beforeAll(async () => {
  t = await buildTestApp();
  demoOrg = (await login(t.app, 'admin@demo.test', 'demo')).user.orgId;
  rivalOrg = (await login(t.app, 'admin@rival.test', 'rival')).user.orgId;
});
afterAll(() => t.close());

async function asAppRole<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('appUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('row-level security (defence behind the ORM filter)', () => {
  it('the application role cannot bypass RLS', async () => {
    const role = await asAppRole((c) =>
      c.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
        'select rolsuper, rolbypassrls from pg_roles where rolname = current_user',
      ),
    );
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('a raw query that forgot the tenant filter still sees only its own organisation', async () => {
    const rows = await asAppRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.org_id', $1, true)`, [demoOrg]);
      const r = await c.query<{ org_id: string }>('select org_id from app_user');
      await c.query('commit');
      return r.rows;
    });
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.org_id))).toEqual(new Set([demoOrg]));
  });

  it('with no organisation set, tenant tables look empty', async () => {
    const counts = await asAppRole(async (c) =>
      Promise.all(
        ['app_user', 'role', 'audit_event', 'organization'].map(
          async (table) => (await c.query(`select count(*)::int as n from ${table}`)).rows[0].n,
        ),
      ),
    );
    expect(counts).toEqual([0, 0, 0, 0]);
  });

  it('the ORM with its filter disabled is still held back by RLS', async () => {
    const users = await withTenant(t.orm, { orgId: demoOrg }, (em) => em.find(User, {}, { filters: false }));
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((u) => u.orgId === demoOrg)).toBe(true);
  });

  it('refuses writing a row into another organisation', async () => {
    await expect(
      asAppRole(async (c) => {
        await c.query('begin');
        await c.query(`select set_config('app.org_id', $1, true)`, [demoOrg]);
        try {
          await c.query(
            `insert into role (id, org_id, version, created_at, updated_at, code, name) values (gen_random_uuid(), $1, 1, now(), now(), 'SPY', 'Spy')`,
            [rivalOrg],
          );
        } finally {
          await c.query('rollback');
        }
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot move a row to another organisation by update', async () => {
    const result = await asAppRole(async (c) => {
      await c.query('begin');
      await c.query(`select set_config('app.org_id', $1, true)`, [demoOrg]);
      try {
        return await c.query(`update app_user set org_id = $1 where email = 'agent@demo.test'`, [rivalOrg]);
      } catch (err) {
        return err as Error;
      } finally {
        await c.query('rollback');
      }
    });
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/row-level security/);
  });
});
