import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { publishTestDefinition } from '../helpers/definitions.js';
import { createDossier } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });

async function contact(name: string) {
  const res = await api(agent, 'POST', '/contacts', {
    firstName: name,
    lastName: 'Partie',
    email: `${name.toLowerCase()}.${randomUUID().slice(0, 8)}@example.test`,
  });
  return res.json<{ id: string }>().id;
}

describe('dossier parties', () => {
  it('adds parties by role, refuses duplicates and unknown roles, and guards read them', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Location avec garant' },
      states: [{ code: 'NEW', initial: true }, { code: 'SIGNED' }],
      transitions: [
        {
          from: 'NEW',
          to: 'SIGNED',
          guard: { rule: { '!!': [{ var: 'parties.GUARANTOR' }] }, message: { fr: 'Un garant est requis' } },
        },
      ],
    });
    const tenant = await contact('Tenant');
    const guarantor = await contact('Garant');
    const d = await createDossier(t.app, agent.headers, { caseType, contactId: tenant });
    const signedAllowed = async () =>
      (
        (await api(agent, 'GET', `/dossiers/${d.id}/transitions`)).json().data as Array<{
          to: string;
          allowed: boolean;
        }>
      ).find((o) => o.to === 'SIGNED')!.allowed;
    expect(await signedAllowed()).toBe(false);

    const added = await api(agent, 'POST', `/dossiers/${d.id}/parties`, {
      contactId: guarantor,
      role: 'GUARANTOR',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({
      contactId: guarantor,
      role: 'GUARANTOR',
      contactName: 'Garant Partie',
    });
    expect(
      (await api(agent, 'POST', `/dossiers/${d.id}/parties`, { contactId: tenant, role: 'TENANT' }))
        .statusCode,
    ).toBe(201);
    expect(await signedAllowed()).toBe(true);

    const twice = await api(agent, 'POST', `/dossiers/${d.id}/parties`, {
      contactId: guarantor,
      role: 'GUARANTOR',
    });
    expect(twice.statusCode).toBe(409);
    const unknown = await api(agent, 'POST', `/dossiers/${d.id}/parties`, {
      contactId: guarantor,
      role: 'ASTRONAUT',
    });
    expect(unknown.statusCode).toBe(400);
    expect(problemOf(unknown).errors?.[0]?.field).toBe('role');

    const list = (await api(agent, 'GET', `/dossiers/${d.id}/parties`)).json().data;
    expect(list.map((p: { role: string }) => p.role)).toEqual(['GUARANTOR', 'TENANT']);
    expect((await api(rival, 'GET', `/dossiers/${d.id}/parties`)).statusCode).toBe(404);
    expect((await api(rival, 'DELETE', `/dossiers/${d.id}/parties/${added.json().id}`)).statusCode).toBe(404);

    expect((await api(agent, 'DELETE', `/dossiers/${d.id}/parties/${added.json().id}`)).statusCode).toBe(204);
    expect(await signedAllowed()).toBe(false);
    const timeline = (await api(agent, 'GET', `/dossiers/${d.id}/timeline?kind=PARTY`)).json().data;
    expect(timeline.map((e: { title: string }) => e.title)).toContain('Garant Partie: GUARANTOR');
  });
});
