import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin@demo.test', 'demo');
});
afterAll(() => t.close());

const unique = () => randomUUID().slice(0, 8);

describe('RBAC', () => {
  it('refuses user administration to READONLY, AGENT and MANAGER with 403', async () => {
    for (const email of ['readonly@demo.test', 'agent@demo.test', 'manager@demo.test']) {
      const { headers } = await login(t.app, email, 'demo');
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers });
      expect(res.statusCode).toBe(403);
      expect(problemOf(res).detail).toContain('USER_ADMIN');
    }
  });

  it('applies a role edit immediately to existing sessions', async () => {
    const code = `AUDITOR_${unique().toUpperCase()}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: admin.headers,
      payload: { code, name: 'Auditor', permissions: [] },
    });
    expect(created.statusCode).toBe(201);
    const email = `auditor-${unique()}@demo.test`;
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, fullName: 'Audrey Auditor', password: 'long-password-1', roles: [code] },
    });
    expect(user.statusCode).toBe(201);
    const auditor = await login(t.app, email, 'demo', 'long-password-1');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: auditor.headers })).statusCode,
    ).toBe(403);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/roles/${created.json().id}`,
      headers: admin.headers,
      payload: { version: created.json().version, permissions: ['AUDIT_VIEW'] },
    });
    expect(patched.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: auditor.headers })).statusCode,
    ).toBe(200);
  });

  it('refuses unknown permissions and duplicate role codes with field errors', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: admin.headers,
      payload: { code: 'X_ROLE', name: 'X', permissions: ['FLY'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.[0]?.field).toBe('permissions.0');
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: admin.headers,
      payload: { code: 'AGENT', name: 'Again', permissions: [] },
    });
    expect(dup.statusCode).toBe(409);
    expect(problemOf(dup).errors?.[0]?.field).toBe('code');
  });

  it('keeps default roles from being deleted', async () => {
    const roles = await t.app.inject({ method: 'GET', url: '/api/v1/roles', headers: admin.headers });
    const agent = roles.json().data.find((r: { code: string }) => r.code === 'AGENT');
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/roles/${agent.id}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('users', () => {
  it('creates, lists, updates with optimistic locking and audits', async () => {
    const email = `new-agent-${unique()}@demo.test`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        email: email.toUpperCase(),
        fullName: 'New Agent',
        password: 'long-password-1',
        roles: ['AGENT'],
      },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user.email).toBe(email);
    expect(user).not.toHaveProperty('passwordHash');

    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, fullName: 'Again', password: 'long-password-1', roles: ['AGENT'] },
    });
    expect(dup.statusCode).toBe(409);
    expect(problemOf(dup).errors).toEqual([{ field: 'email', message: 'is already used by another user' }]);

    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users?q=${email}&pageSize=5`,
      headers: admin.headers,
    });
    expect(list.json().total).toBe(1);

    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: admin.headers,
      payload: { version: user.version, fullName: 'Renamed Agent' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().version).toBe(user.version + 1);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: admin.headers,
      payload: { version: user.version, fullName: 'Lost update' },
    });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).type).toContain('stale-version');

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entityType=User&entityId=${user.id}`,
      headers: admin.headers,
    });
    const actions = audit.json().data.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['UPDATE', 'CREATE']);
    const update = audit.json().data[0];
    expect(update.actorId).toBe(admin.user.id);
    expect(update.diffJson.fullName).toEqual({ from: 'New Agent', to: 'Renamed Agent' });
  });

  it('refuses unknown roles and weak passwords with field errors', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: `x-${unique()}@demo.test`, fullName: 'X', password: 'short', roles: ['WIZARD'] },
    });
    expect(res.statusCode).toBe(400);
    // Both reasons at once: a form shows each under its field.
    expect(problemOf(res).errors).toEqual([
      expect.objectContaining({
        field: 'password',
        code: 'PASSWORD_TOO_SHORT',
        params: { limit: 12, length: 5 },
      }),
      { field: 'roles', message: 'unknown role(s): WIZARD' },
    ]);
    const unknownRole = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        email: `x-${unique()}@demo.test`,
        fullName: 'X',
        password: 'long-password-1',
        roles: ['WIZARD'],
      },
    });
    expect(unknownRole.statusCode).toBe(400);
    expect(problemOf(unknownRole).errors).toEqual([{ field: 'roles', message: 'unknown role(s): WIZARD' }]);
  });

  it('deactivates a user: token stops working, admins are notified, action audited', async () => {
    const email = `leaving-${unique()}@demo.test`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, fullName: 'Leaving Agent', password: 'long-password-1', roles: ['AGENT'] },
    });
    const leaving = await login(t.app, email, 'demo', 'long-password-1');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${created.json().id}/deactivate`,
      headers: admin.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().isActive).toBe(false);
    const manager = await login(t.app, 'manager@demo.test', 'demo');
    expect(res.json().reassignedTo).toBe(manager.user.id);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: leaving.headers })).statusCode,
    ).toBe(401);
    const relogin = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'long-password-1', org: 'demo' },
    });
    expect(relogin.statusCode).toBe(401);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entityId=${created.json().id}&action=DEACTIVATE`,
      headers: admin.headers,
    });
    expect(audit.json().total).toBe(1);
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: admin.headers });
    const note = inbox.json().data.find((n: { entityId: string }) => n.entityId === created.json().id);
    expect(note).toMatchObject({ kind: 'USER_DEACTIVATED', title: 'Leaving Agent was deactivated' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${created.json().id}/deactivate`,
      headers: admin.headers,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
  });

  it('hides another organisation’s users as 404', async () => {
    const rivalAdmin = await login(t.app, 'admin@rival.test', 'rival');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users/${admin.user.id}`,
      headers: rivalAdmin.headers,
    });
    expect(res.statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.user.id}`,
      headers: rivalAdmin.headers,
      payload: { version: 1, fullName: 'Hijacked' },
    });
    expect(patch.statusCode).toBe(404);
  });
});
