import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';

let t: TestApp;
let manager: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp();
  manager = await login(t.app, 'manager@demo.test', 'demo');
});
afterAll(() => t.close());

describe('contact timeline: assignment and role changes (F-5.3)', () => {
  it('shows who was assigned and which roles started and ended, without blocking deletion', async () => {
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const run = randomUUID().slice(0, 8);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: manager.headers,
      payload: {
        firstName: 'Inès',
        lastName: `Roux ${run}`,
        email: `ines.${run}@example.test`,
        assignedAgentId: agent.user.id,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const role = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${id}/roles`,
      headers: manager.headers,
      payload: { role: 'PROPRIETAIRE' },
    });
    expect(role.statusCode, role.body).toBe(201);
    const ended = await t.app.inject({
      method: 'POST',
      url: `/api/v1/contacts/${id}/roles/${role.json().id}/end`,
      headers: manager.headers,
      payload: {},
    });
    expect(ended.statusCode, ended.body).toBe(200);

    const timeline = (
      await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${id}/timeline`, headers: manager.headers })
    ).json().data;
    const kinds = timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['ASSIGNMENT', 'ROLE_CHANGE']));
    expect(kinds.filter((k: string) => k === 'ROLE_CHANGE')).toHaveLength(2);
    expect(timeline.find((e: { kind: string }) => e.kind === 'ASSIGNMENT').payload).toMatchObject({
      toAgentId: agent.user.id,
    });

    // Bookkeeping is not "recent activity": a contact with no dossier and no interaction can go.
    const admin = await login(t.app, 'admin@demo.test', 'demo');
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/contacts/${id}`,
      headers: admin.headers,
    });
    expect(del.statusCode, del.body).toBeLessThan(300);
  });
});
