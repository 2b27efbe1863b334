import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';

type Session = Awaited<ReturnType<typeof login>>;
interface DirectoryEntry {
  id: string;
  fullName: string;
  roles: string[];
}

let t: TestApp;
let agent: Session;
let readonly: Session;
let manager: Session;
let admin: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, readonly, manager, admin, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'admin@demo.test', 'demo'),
    login(t.app, 'agent@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });

async function directory(s: Session) {
  const res = await api(s, 'GET', '/users/directory');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ data: DirectoryEntry[]; total: number }>();
}

describe('user directory', () => {
  it("gives every CRM reader the active users' names and roles, and nothing else", async () => {
    const leaving = await api(admin, 'POST', '/users', {
      email: `leaving-${randomUUID().slice(0, 8)}@demo.test`,
      fullName: 'Zoé Leaving',
      password: 'leaving-password',
      roles: ['AGENT'],
    });
    expect(leaving.statusCode, leaving.body).toBe(201);
    const leavingId = leaving.json<{ id: string }>().id;
    expect((await directory(readonly)).data.map((u) => u.id)).toContain(leavingId);
    const deactivated = await api(admin, 'POST', `/users/${leavingId}/deactivate`, { reassignTo: null });
    expect(deactivated.statusCode, deactivated.body).toBe(200);

    for (const session of [agent, readonly]) {
      const list = await directory(session);
      expect(list.total).toBe(list.data.length);
      expect(list.data.map((u) => u.id)).toEqual(expect.arrayContaining([agent.user.id, manager.user.id]));
      expect(list.data.map((u) => u.id)).not.toContain(leavingId);
      for (const entry of list.data) expect(Object.keys(entry).sort()).toEqual(['fullName', 'id', 'roles']);
      const me = list.data.find((u) => u.id === agent.user.id);
      expect(me?.roles).toContain('AGENT');
      const names = list.data.map((u) => u.fullName);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }

    const rivalIds = (await directory(rival)).data.map((u) => u.id);
    expect(rivalIds).toContain(rival.user.id);
    expect(rivalIds).not.toContain(agent.user.id);
  });
});

describe('roles list readable with WORKFLOW_ADMIN (permission "any of")', () => {
  it('lets a manager read roles but not write them, and refuses an agent naming both permissions', async () => {
    const asManager = await api(manager, 'GET', '/roles');
    expect(asManager.statusCode, asManager.body).toBe(200);
    expect(asManager.json<{ data: { code: string }[] }>().data.map((r) => r.code)).toEqual(
      expect.arrayContaining(['ADMIN', 'MANAGER', 'AGENT', 'READONLY']),
    );
    expect((await api(admin, 'GET', '/roles')).statusCode).toBe(200);

    const write = await api(manager, 'POST', '/roles', { code: 'NOPE', name: 'Nope', permissions: [] });
    expect(write.statusCode).toBe(403);
    expect(problemOf(write).detail).toContain('USER_ADMIN');

    const asAgent = await api(agent, 'GET', '/roles');
    expect(asAgent.statusCode).toBe(403);
    expect(asAgent.headers['content-type']).toContain('application/problem+json');
    expect(problemOf(asAgent).detail).toContain('one of the USER_ADMIN, WORKFLOW_ADMIN permissions');
  });
});
