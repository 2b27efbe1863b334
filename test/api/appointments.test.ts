import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier } from '../helpers/dossiers.js';
import type { Received } from '../helpers/stand-ins.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let manager: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, manager, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
  // Reminders 3 s and 30 s before the start (production: PT24H and PT1H), in the rival organisation for
  // timing tests. Appointments here start within seconds, so the 30 s one is already past when booked:
  // it must never be sent late.
  const set = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/settings',
    headers: rival.headers,
    payload: { appointmentReminderOffsets: ['PT3S', 'PT30S'] },
  });
  expect(set.statusCode, set.body).toBe(200);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const smsTo = async (phone: string) =>
  ((await (await fetch(`${inject('standInUrl')}/__stand-in/received`)).json()) as Received).sms.filter(
    (m) => m.to === phone,
  );

async function smsContact(s: Session) {
  const phone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const res = await api(s, 'POST', '/contacts', {
    firstName: 'Rémi',
    lastName: `Rdv${randomUUID().slice(0, 6)}`,
    email: `remi.${randomUUID().slice(0, 8)}@example.test`,
    phone,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: string }>().id;
  expect(
    (await api(s, 'PUT', `/contacts/${id}/consents/SMS`, { status: 'OPT_IN', source: 'FORM' })).statusCode,
  ).toBe(200);
  return { id, phone };
}

async function book(s: Session, contactId: string, startIn: number, title = 'Visite T3') {
  const res = await api(s, 'POST', '/appointments', {
    kind: 'VISITE',
    title,
    startAt: inSeconds(startIn),
    endAt: inSeconds(startIn + 1800),
    place: '12 rue de la République, Lyon',
    contactId,
  });
  expect(res.statusCode, res.body).toBe(201);
  // The appointment itself, with its warnings.
  return res.json<{
    id: string;
    version: number;
    startAt: string;
    workflowId: string;
    warnings: unknown[];
  }>();
}

describe('appointment reminders as durable workflows (F-7.2)', () => {
  it('sends the reminder within 2 s of its due time, once, through the consented channel', async () => {
    const c = await smsContact(rival);
    const appointment = await book(rival, c.id, 6);
    const due = Date.parse(appointment.startAt) - 3000;
    await sleep(Math.max(0, due - Date.now()) + 2500);
    const sms = await smsTo(c.phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain('Rappel : Visite T3');
    expect(sms[0]!.at - due).toBeLessThan(2000);
    expect(sms[0]!.at - due).toBeGreaterThanOrEqual(-50);
    const messages = (await api(rival, 'GET', `/appointments/${appointment.id}`)).json();
    expect(messages.status).toBe('SCHEDULED');
  });

  it('moves the reminder when rescheduled, and sends nothing after a cancel or an opt-out', async () => {
    const moved = await smsContact(rival);
    const a = await book(rival, moved.id, 6);
    const later = await api(rival, 'POST', `/appointments/${a.id}/reschedule`, {
      version: a.version,
      startAt: inSeconds(10),
      endAt: inSeconds(1800),
    });
    expect(later.statusCode, later.body).toBe(200);
    const canceled = await smsContact(rival);
    const b = await book(rival, canceled.id, 6);
    expect(
      (
        await api(rival, 'POST', `/appointments/${b.id}/cancel`, {
          version: b.version,
          reason: 'Client malade',
        })
      ).statusCode,
    ).toBe(200);
    const optedOut = await smsContact(rival);
    const c = await book(rival, optedOut.id, 6);
    await api(rival, 'PUT', `/contacts/${optedOut.id}/consents/SMS`, {
      status: 'OPT_OUT',
      source: 'PHONE_CALL',
    });

    await sleep(5000); // past the original due times
    expect(await smsTo(moved.phone)).toHaveLength(0);
    const newDue = Date.parse(later.json().startAt) - 3000;
    await sleep(Math.max(0, newDue - Date.now()) + 2500);
    const sms = await smsTo(moved.phone);
    expect(sms).toHaveLength(1);
    expect(sms[0]!.at - newDue).toBeLessThan(2000);
    expect(await smsTo(canceled.phone)).toHaveLength(0);
    expect(await smsTo(optedOut.phone)).toHaveLength(0);
    // The refusal is on the contact's timeline, with the reason.
    const events = (await api(rival, 'GET', `/contacts/${optedOut.id}/timeline?kind=APPOINTMENT`)).json()
      .data;
    expect(events.map((e: { title: string }) => e.title)).toContainEqual(
      expect.stringContaining('SMS: OPT_OUT'),
    );
    const state = await t.temporal.workflow.getHandle(c.workflowId).result();
    expect(state).toMatchObject({ closed: false, sent: [expect.stringContaining('PT3S@')] });
  }, 40_000);
});

describe('appointments API (F-7.1)', () => {
  it('warns when the agent is already booked, lists a calendar range, and refuses bad input', async () => {
    const c = await smsContact(agent);
    const start = Date.now() + 3 * 86_400_000;
    const slot = (offsetMin: number, title: string) => ({
      kind: 'RDV',
      title,
      startAt: new Date(start + offsetMin * 60_000).toISOString(),
      endAt: new Date(start + (offsetMin + 60) * 60_000).toISOString(),
      contactId: c.id,
    });
    const first = await api(agent, 'POST', '/appointments', slot(0, 'Estimation'));
    expect(first.json().warnings).toEqual([]);
    const overlapping = await api(agent, 'POST', '/appointments', slot(30, 'Signature'));
    expect(overlapping.statusCode).toBe(201);
    expect(overlapping.json().warnings).toEqual([
      expect.objectContaining({ code: 'AGENT_BUSY', appointmentId: first.json().id }),
    ]);
    const range = await api(
      agent,
      'GET',
      `/appointments?agentId=${agent.user.id}&from=${new Date(start - 60_000).toISOString()}&to=${new Date(start + 2 * 3_600_000).toISOString()}`,
    );
    expect(range.json().data.map((a: { title: string }) => a.title)).toEqual(
      expect.arrayContaining(['Estimation', 'Signature']),
    );
    const bad = await api(agent, 'POST', '/appointments', {
      ...slot(0, 'x'),
      endAt: new Date(start - 60_000).toISOString(),
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.[0]?.field).toBe('endAt');
    const foreign = await api(rival, 'GET', `/appointments/${first.json().id}`);
    expect(foreign.statusCode).toBe(404);
    const badSetting = await api(manager, 'PUT', '/settings', { appointmentReminderOffsets: ['tomorrow'] });
    expect(badSetting.statusCode).toBe(400);
    expect(problemOf(badSetting).errors?.[0]?.field).toBe('appointmentReminderOffsets/0');
  });

  it('DONE logs a VISIT on the timeline, counts in guard facts and dashboard; actions follow the status rules', async () => {
    const c = await smsContact(agent);
    const d = await createDossier(t.app, agent.headers, { contactId: c.id });
    const booked = await api(agent, 'POST', '/appointments', {
      kind: 'VISITE',
      title: 'Visite maison',
      startAt: inSeconds(3600),
      endAt: inSeconds(7200),
      dossierId: d.id,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const a = booked.json();
    expect(a.contactId).toBe(c.id); // the dossier's contact
    const dashboard = (await api(agent, 'GET', `/dashboard?agentId=${agent.user.id}`)).json();
    expect(dashboard.kpis.appointmentsNext7d).toBeGreaterThanOrEqual(1);
    expect(dashboard.nextBestActions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'APPOINTMENT_TO_CONFIRM', appointmentId: a.id, dossierId: d.id }),
      ]),
    );
    const stale = await api(agent, 'POST', `/appointments/${a.id}/confirm`, { version: a.version + 3 });
    expect(stale.statusCode).toBe(409);
    const confirmed = await api(agent, 'POST', `/appointments/${a.id}/confirm`, { version: a.version });
    expect(confirmed.json().status).toBe('CONFIRMED');
    const done = await api(agent, 'POST', `/appointments/${a.id}/done`, {
      version: confirmed.json().version,
    });
    expect(done.statusCode, done.body).toBe(200);
    const again = await api(agent, 'POST', `/appointments/${a.id}/cancel`, {
      version: done.json().version,
    });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).detail).toContain('cannot cancel an appointment that is DONE');
    const timeline = (await api(agent, 'GET', `/dossiers/${d.id}/timeline`)).json().data as Array<{
      kind: string;
      payload: { type?: string };
    }>;
    expect(timeline.some((e) => e.kind === 'ACTIVITY' && e.payload.type === 'VISIT')).toBe(true);
    const facts = await api(agent, 'GET', `/dossiers/${d.id}/transitions`);
    expect(facts.statusCode).toBe(200);
    const state = await t.temporal.workflow.getHandle(a.workflowId).result();
    expect(state).toMatchObject({ closed: true });
  });
});
