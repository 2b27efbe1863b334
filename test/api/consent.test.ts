import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { publishTestDefinition } from '../helpers/definitions.js';
import { createDossier } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
let manager: Session;
let readonly: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, manager, readonly, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });

async function newContact(lastName = `Consent${randomUUID().slice(0, 6)}`) {
  const res = await api(agent, 'POST', '/contacts', {
    firstName: 'Nadia',
    lastName,
    email: `${lastName.toLowerCase()}.${randomUUID().slice(0, 6)}@example.test`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number }>();
}

describe('consent per contact and channel (F-6.1)', () => {
  it('starts undecided, records choices with author and date, audits before/after and shows them on the timeline', async () => {
    const c = await newContact();
    const initial = await api(agent, 'GET', `/contacts/${c.id}/consents`);
    expect(initial.statusCode, initial.body).toBe(200);
    expect(initial.json()).toEqual({ EMAIL: null, SMS: null, WHATSAPP: null, PHONE: null });

    const optIn = await api(agent, 'PUT', `/contacts/${c.id}/consents/WHATSAPP`, {
      status: 'OPT_IN',
      source: 'FORM',
      proof: 'formulaire-site-2026-11-22.pdf',
    });
    expect(optIn.statusCode, optIn.body).toBe(200);
    expect(optIn.json()).toMatchObject({
      channel: 'WHATSAPP',
      status: 'OPT_IN',
      source: 'FORM',
      proof: 'formulaire-site-2026-11-22.pdf',
      decidedBy: agent.user.id,
      decidedByName: 'Agent Demo',
    });
    const optOut = await api(manager, 'PUT', `/contacts/${c.id}/consents/WHATSAPP`, {
      status: 'OPT_OUT',
      source: 'PHONE_CALL',
      comment: 'Ne souhaite plus être contactée',
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    const current = (await api(agent, 'GET', `/contacts/${c.id}/consents`)).json();
    expect(current.WHATSAPP).toMatchObject({ status: 'OPT_OUT', decidedBy: manager.user.id, proof: null });
    expect(current.EMAIL).toBeNull();

    const history = (await api(agent, 'GET', `/contacts/${c.id}/consents/history`)).json().data;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      actorId: manager.user.id,
      before: { status: 'OPT_IN' },
      after: { status: 'OPT_OUT', comment: 'Ne souhaite plus être contactée' },
    });
    expect(history[1]).toMatchObject({ actorId: agent.user.id, before: null, after: { status: 'OPT_IN' } });
    // Recording the same choice again is no new change.
    await api(manager, 'PUT', `/contacts/${c.id}/consents/WHATSAPP`, {
      status: 'OPT_OUT',
      source: 'PHONE_CALL',
      comment: 'Ne souhaite plus être contactée',
    });
    expect((await api(agent, 'GET', `/contacts/${c.id}/consents/history`)).json().data).toHaveLength(2);

    const timeline = (await api(agent, 'GET', `/contacts/${c.id}/timeline?kind=CONSENT`)).json().data;
    expect(timeline.map((e: { title: string }) => e.title)).toEqual(['WHATSAPP opt-out', 'WHATSAPP opt-in']);
    const chain = await api(manager, 'GET', '/audit/verify');
    if (chain.statusCode === 200) expect(chain.json().valid).toBe(true);
  });

  it('refuses bad input with field errors, readonly writers, and other organisations', async () => {
    const c = await newContact();
    const badChannel = await api(agent, 'PUT', `/contacts/${c.id}/consents/FAX`, {
      status: 'OPT_IN',
      source: 'FORM',
    });
    expect(badChannel.statusCode).toBe(400);
    const badStatus = await api(agent, 'PUT', `/contacts/${c.id}/consents/SMS`, { status: 'MAYBE' });
    expect(badStatus.statusCode).toBe(400);
    const fields = problemOf(badStatus).errors?.map((e) => e.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['status', 'source']));
    expect(
      (await api(readonly, 'PUT', `/contacts/${c.id}/consents/SMS`, { status: 'OPT_IN', source: 'FORM' }))
        .statusCode,
    ).toBe(403);
    expect((await api(readonly, 'GET', `/contacts/${c.id}/consents`)).statusCode).toBe(200);
    expect((await api(rival, 'GET', `/contacts/${c.id}/consents`)).statusCode).toBe(404);
    expect(
      (await api(rival, 'PUT', `/contacts/${c.id}/consents/SMS`, { status: 'OPT_IN', source: 'FORM' }))
        .statusCode,
    ).toBe(404);
  });

  it('is a guard fact: a transition requiring WhatsApp consent opens once the contact opts in', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Relance WhatsApp' },
      states: [{ code: 'NEW', initial: true }, { code: 'QUALIFIED' }],
      transitions: [
        {
          from: 'NEW',
          to: 'QUALIFIED',
          guard: {
            rule: { '==': [{ var: 'consents.WHATSAPP' }, 'OPT_IN'] },
            message: { fr: 'Consentement WhatsApp requis', en: 'WhatsApp consent required' },
          },
        },
      ],
    });
    const c = await newContact();
    const d = await createDossier(t.app, agent.headers, { caseType, contactId: c.id });
    const options = async () =>
      (await api(agent, 'GET', `/dossiers/${d.id}/transitions`)).json().data as Array<{
        to: string;
        allowed: boolean;
        reason?: string;
      }>;
    expect((await options()).find((o) => o.to === 'QUALIFIED')).toMatchObject({
      allowed: false,
      reason: 'Consentement WhatsApp requis',
    });
    await api(agent, 'PUT', `/contacts/${c.id}/consents/WHATSAPP`, { status: 'OPT_IN', source: 'FORM' });
    expect((await options()).find((o) => o.to === 'QUALIFIED')).toMatchObject({ allowed: true });
  });

  it('follows a merge: where both decided, the most recent choice of the person wins', async () => {
    const survivor = await newContact();
    const duplicate = await newContact();
    await api(agent, 'PUT', `/contacts/${survivor.id}/consents/SMS`, { status: 'OPT_IN', source: 'FORM' });
    await api(agent, 'PUT', `/contacts/${survivor.id}/consents/EMAIL`, { status: 'OPT_IN', source: 'FORM' });
    await api(agent, 'PUT', `/contacts/${duplicate.id}/consents/SMS`, {
      status: 'OPT_OUT',
      source: 'PHONE_CALL',
    });
    await api(agent, 'PUT', `/contacts/${duplicate.id}/consents/WHATSAPP`, {
      status: 'OPT_IN',
      source: 'FORM',
    });
    const merged = await api(manager, 'POST', '/contacts/merge', {
      survivorId: survivor.id,
      duplicateId: duplicate.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const consents = (await api(agent, 'GET', `/contacts/${survivor.id}/consents`)).json();
    expect(consents.SMS).toMatchObject({ status: 'OPT_OUT', source: 'PHONE_CALL' });
    expect(consents.EMAIL).toMatchObject({ status: 'OPT_IN' });
    expect(consents.WHATSAPP).toMatchObject({ status: 'OPT_IN' });
  });
});
