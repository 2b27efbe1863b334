import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { publishTestDefinition } from '../helpers/definitions.js';
import { createDossier } from '../helpers/dossiers.js';
import type { Received } from '../helpers/stand-ins.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let readonly: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, readonly, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
const smsTo = async (phone: string) =>
  ((await (await fetch(`${inject('standInUrl')}/__stand-in/received`)).json()) as Received).sms.filter(
    (m) => m.to === phone,
  );

async function personWithDossier(s: Session, generalSms?: 'OPT_IN' | 'OPT_OUT') {
  const phone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const res = await api(s, 'POST', '/contacts', {
    firstName: 'Inès',
    lastName: `Dossier${randomUUID().slice(0, 6)}`,
    email: `ines.${randomUUID().slice(0, 8)}@example.test`,
    phone,
  });
  expect(res.statusCode, res.body).toBe(201);
  const contactId = res.json<{ id: string }>().id;
  if (generalSms)
    expect(
      (await api(s, 'PUT', `/contacts/${contactId}/consents/SMS`, { status: generalSms, source: 'FORM' }))
        .statusCode,
    ).toBe(200);
  const dossier = await createDossier(t.app, s.headers, { contactId });
  return { contactId, phone, dossierId: dossier.id };
}

const sendSms = (s: Session, url: string) =>
  api(s, 'POST', url, { send: true, channel: 'SMS', content: `Bonjour ${randomUUID().slice(0, 4)}` });

describe('consent per dossier (customer schema `consentement` keyed by dossier)', () => {
  it('a dossier opt-out blocks messages about that dossier only, with the scope in the refusal', async () => {
    const p = await personWithDossier(agent, 'OPT_IN');
    const before = (await api(agent, 'GET', `/dossiers/${p.dossierId}/consents`)).json();
    expect(before.contactId).toBe(p.contactId);
    expect(before.channels.SMS).toMatchObject({ status: 'OPT_IN', scope: 'CONTACT', dossier: null });
    expect(before.channels.EMAIL).toMatchObject({ status: null, scope: null, contact: null });

    const out = await api(agent, 'PUT', `/dossiers/${p.dossierId}/consents/SMS`, {
      status: 'OPT_OUT',
      source: 'PHONE_CALL',
      comment: 'Ne plus écrire au sujet de cette vente',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ scope: 'DOSSIER', dossierId: p.dossierId, status: 'OPT_OUT' });
    const after = (await api(agent, 'GET', `/dossiers/${p.dossierId}/consents`)).json();
    expect(after.channels.SMS).toMatchObject({
      status: 'OPT_OUT',
      scope: 'DOSSIER',
      dossier: { status: 'OPT_OUT', decidedByName: 'Agent Demo' },
      contact: { status: 'OPT_IN' },
    });
    // The general choice is untouched.
    expect((await api(agent, 'GET', `/contacts/${p.contactId}/consents`)).json().SMS).toMatchObject({
      status: 'OPT_IN',
    });

    const refused = await sendSms(agent, `/dossiers/${p.dossierId}/messages`);
    expect(refused.statusCode).toBe(422);
    expect(problemOf(refused)).toMatchObject({ channel: 'SMS', reason: 'OPTED_OUT', scope: 'DOSSIER' });
    expect(problemOf(refused).detail).toMatch(
      /opted out of SMS messages about this dossier on .* by Agent Demo/,
    );
    const direct = await sendSms(agent, `/contacts/${p.contactId}/messages`);
    expect(direct.statusCode, direct.body).toBe(202);
  });

  it('a dossier opt-in allows that dossier until the person opts out generally afterwards', async () => {
    const p = await personWithDossier(agent);
    expect((await sendSms(agent, `/dossiers/${p.dossierId}/messages`)).statusCode).toBe(422);
    await api(agent, 'PUT', `/dossiers/${p.dossierId}/consents/SMS`, { status: 'OPT_IN', source: 'FORM' });
    const allowed = await sendSms(agent, `/dossiers/${p.dossierId}/messages`);
    expect(allowed.statusCode, allowed.body).toBe(202);
    expect(problemOf(await sendSms(agent, `/contacts/${p.contactId}/messages`))).toMatchObject({
      reason: 'NEVER_CONSENTED',
    });

    // A later general opt-out (e.g. an inbound STOP) silences the dossier too.
    await api(agent, 'PUT', `/contacts/${p.contactId}/consents/SMS`, { status: 'OPT_OUT', source: 'SMS' });
    const silenced = await sendSms(agent, `/dossiers/${p.dossierId}/messages`);
    expect(silenced.statusCode).toBe(422);
    expect(problemOf(silenced)).toMatchObject({ reason: 'OPTED_OUT', scope: 'CONTACT' });
    expect((await api(agent, 'GET', `/dossiers/${p.dossierId}/consents`)).json().channels.SMS).toMatchObject({
      status: 'OPT_OUT',
      scope: 'CONTACT',
      dossier: { status: 'OPT_IN' },
    });
  });

  it('removing the dossier choice falls back to the general one; every change is audited', async () => {
    const p = await personWithDossier(agent, 'OPT_IN');
    await api(agent, 'PUT', `/dossiers/${p.dossierId}/consents/SMS`, { status: 'OPT_OUT', source: 'FORM' });
    const removed = await api(agent, 'DELETE', `/dossiers/${p.dossierId}/consents/SMS`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await api(agent, 'DELETE', `/dossiers/${p.dossierId}/consents/SMS`)).statusCode).toBe(404);
    expect((await api(agent, 'GET', `/dossiers/${p.dossierId}/consents`)).json().channels.SMS).toMatchObject({
      status: 'OPT_IN',
      scope: 'CONTACT',
      dossier: null,
    });
    const history = (await api(agent, 'GET', `/dossiers/${p.dossierId}/consents/history`)).json().data;
    expect(history.map((h: { before: unknown; after: unknown }) => [!!h.before, !!h.after])).toEqual([
      [true, false],
      [false, true],
    ]);
    const audit = (await api(agent, 'GET', `/dossiers/${p.dossierId}/audit`)).json().data;
    expect(audit.filter((e: { entityType: string }) => e.entityType === 'DossierConsent')).toHaveLength(2);
    const timeline = (await api(agent, 'GET', `/dossiers/${p.dossierId}/timeline?kind=CONSENT`)).json().data;
    expect(timeline.map((e: { title: string }) => e.title)).toEqual(
      expect.arrayContaining([expect.stringContaining('SMS opt-out (this dossier)')]),
    );
  });

  it('refuses strangers to the dossier, readonly writers, other organisations and bad input', async () => {
    const p = await personWithDossier(agent);
    const stranger = await personWithDossier(agent);
    const notParty = await api(
      agent,
      'PUT',
      `/dossiers/${p.dossierId}/consents/SMS?contactId=${stranger.contactId}`,
      { status: 'OPT_IN', source: 'FORM' },
    );
    expect(notParty.statusCode).toBe(400);
    expect(problemOf(notParty).errors).toEqual([expect.objectContaining({ field: 'contactId' })]);
    const bad = await api(agent, 'PUT', `/dossiers/${p.dossierId}/consents/FAX`, { status: 'MAYBE' });
    expect(bad.statusCode).toBe(400);
    expect(
      (await api(readonly, 'PUT', `/dossiers/${p.dossierId}/consents/SMS`, { status: 'OPT_IN', source: 'X' }))
        .statusCode,
    ).toBe(403);
    expect((await api(rival, 'GET', `/dossiers/${p.dossierId}/consents`)).statusCode).toBe(404);
    expect(
      (await api(rival, 'PUT', `/dossiers/${p.dossierId}/consents/SMS`, { status: 'OPT_IN', source: 'X' }))
        .statusCode,
    ).toBe(404);
  });

  it('is what guards see for the dossier', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Relance SMS' },
      states: [{ code: 'NEW', initial: true }, { code: 'QUALIFIED' }],
      transitions: [
        {
          from: 'NEW',
          to: 'QUALIFIED',
          guard: {
            rule: { '==': [{ var: 'consents.SMS' }, 'OPT_IN'] },
            message: { fr: 'Consentement SMS requis', en: 'SMS consent required' },
          },
        },
      ],
    });
    const p = await personWithDossier(agent, 'OPT_IN');
    const d = await createDossier(t.app, agent.headers, { caseType, contactId: p.contactId });
    const qualified = async () =>
      (
        (await api(agent, 'GET', `/dossiers/${d.id}/transitions`)).json().data as Array<{
          to: string;
          allowed: boolean;
        }>
      ).find((o) => o.to === 'QUALIFIED')?.allowed;
    expect(await qualified()).toBe(true);
    await api(agent, 'PUT', `/dossiers/${d.id}/consents/SMS`, { status: 'OPT_OUT', source: 'FORM' });
    expect(await qualified()).toBe(false);
  });

  it('an appointment reminder about the dossier respects its opt-out at send time', async () => {
    const set = await api(rival, 'PUT', '/settings', { appointmentReminderOffsets: ['PT3S', 'PT30S'] });
    expect(set.statusCode, set.body).toBe(200);
    const p = await personWithDossier(rival, 'OPT_IN');
    const at = (s: number) => new Date(Date.now() + s * 1000).toISOString();
    const booked = await api(rival, 'POST', '/appointments', {
      kind: 'RDV',
      title: 'Signature compromis',
      startAt: at(6),
      endAt: at(1800),
      contactId: p.contactId,
      dossierId: p.dossierId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    // Opted out for this dossier after the reminder was scheduled: nothing is sent.
    await api(rival, 'PUT', `/dossiers/${p.dossierId}/consents/SMS`, { status: 'OPT_OUT', source: 'PHONE' });
    await sleep(6000);
    expect(await smsTo(p.phone)).toHaveLength(0);
    const events = (await api(rival, 'GET', `/contacts/${p.contactId}/timeline?kind=APPOINTMENT`)).json()
      .data;
    expect(events.map((e: { title: string }) => e.title)).toContainEqual(
      expect.stringContaining('SMS: OPT_OUT'),
    );
  }, 30_000);
});
