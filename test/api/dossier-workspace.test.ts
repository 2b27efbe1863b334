import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let readonly: Session;
let member: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, readonly, member, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'member@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const get = (s: Session, url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s.headers });

interface Workspace {
  id: string;
  dossier: { id: string; statusCode: string };
  transitions: { statusCode: string; data: { to: string; allowed: boolean }[]; total: number };
  consents: { contactId: string } | null;
  appointments: { data: { id: string }[]; total: number } | null;
  timeline: { data: { id: string }[]; total: number; nextCursor: string | null } | null;
}

describe('GET /dossiers/{id}/workspace: the dossier page in one read', () => {
  it('answers what the separate reads answer, for the agent and for a read-only user', async () => {
    const contact = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: agent.headers,
      payload: { firstName: 'Ana', lastName: 'Espace', email: `ws-${randomUUID().slice(0, 8)}@example.test` },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const dossier = await createDossier(t.app, agent.headers, {
      title: 'Achat maison Bordeaux',
      contactId: contact.json<{ id: string }>().id,
    });
    const startAt = new Date(Date.now() + 86_400_000).toISOString();
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: agent.headers,
      payload: {
        title: 'Visite',
        kind: 'VISITE',
        startAt,
        endAt: new Date(Date.parse(startAt) + 3_600_000).toISOString(),
        dossierId: dossier.id,
        contactId: contact.json<{ id: string }>().id,
      },
    });
    expect(booked.statusCode, booked.body).toBe(201);

    for (const who of [agent, readonly]) {
      const res = await get(who, `/dossiers/${dossier.id}/workspace?lang=fr`);
      expect(res.statusCode, res.body).toBe(200);
      const ws = res.json<Workspace>();
      expect(ws.id).toBe(dossier.id);
      expect(ws.dossier).toEqual((await get(who, `/dossiers/${dossier.id}`)).json());
      const moves = (await get(who, `/dossiers/${dossier.id}/transitions?lang=fr`)).json<
        Workspace['transitions']
      >();
      expect(ws.transitions.statusCode).toBe(moves.statusCode);
      expect(ws.transitions.data).toEqual(moves.data);
      expect(ws.transitions.data.length).toBeGreaterThan(0);
      expect(ws.consents).toEqual((await get(who, `/dossiers/${dossier.id}/consents`)).json());
      const appointments = (await get(who, `/appointments?dossierId=${dossier.id}`)).json<{
        data: unknown[];
      }>();
      expect(ws.appointments?.data).toEqual(appointments.data);
      expect(ws.appointments?.total).toBe(1);
      const timeline = (await get(who, `/dossiers/${dossier.id}/timeline?pageSize=20`)).json();
      expect(ws.timeline).toEqual(timeline);
      expect(ws.timeline?.data.length).toBeGreaterThan(0);
    }
  });

  it('a dossier without a contact has no consents part', async () => {
    const dossier = await createDossier(t.app, agent.headers, { title: 'Achat sans contact' });
    const res = await get(agent, `/dossiers/${dossier.id}/workspace`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Workspace>().consents).toBeNull();
  });

  it('is refused to a cooperative member (403), hidden from another organisation and for unknown ids (404)', async () => {
    const dossier = await createDossier(t.app, agent.headers, { title: 'Achat privé' });
    const forMember = await get(member, `/dossiers/${dossier.id}/workspace`);
    expect(forMember.statusCode).toBe(403);
    expect(problemOf(forMember).code).toBe('PERMISSION_REQUIRED');
    expect((await get(rival, `/dossiers/${dossier.id}/workspace`)).statusCode).toBe(404);
    expect((await get(agent, `/dossiers/${randomUUID()}/workspace`)).statusCode).toBe(404);
    expect((await get(agent, `/dossiers/not-a-uuid/workspace`)).statusCode).toBe(400);
  });
});
