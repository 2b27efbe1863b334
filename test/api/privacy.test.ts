import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let admin: Session;
let agent: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [admin, agent] = await Promise.all([
    login(t.app, 'admin@rival.test', 'rival'),
    login(t.app, 'agent@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });

describe('data-subject requests (F-6.5)', () => {
  it('exports everything held about a contact, then erases it while the audit chain still verifies', async () => {
    const run = randomUUID().slice(0, 8);
    const email = `sofia.${run}@example.test`;
    const created = await api(admin, 'POST', '/contacts', {
      firstName: 'Sofia',
      lastName: `Privée${run}`,
      email,
      phone: '+33611223344',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const d = await createDossier(t.app, admin.headers, { contactId: id });
    await api(admin, 'PUT', `/contacts/${id}/consents/EMAIL`, {
      status: 'OPT_IN',
      source: 'FORM',
      proof: 'signed.pdf',
    });
    await api(admin, 'POST', '/activities', {
      type: 'NOTE',
      subject: 'Divorce en cours',
      content: 'Situation personnelle',
      contactId: id,
    });
    const msg = await api(admin, 'POST', `/dossiers/${d.id}/messages`, {
      direction: 'INBOUND',
      channel: 'SMS',
      content: 'Mon code de porte est 1234',
    });
    expect(msg.statusCode, msg.body).toBe(201);

    const exported = await api(admin, 'GET', `/contacts/${id}/personal-data`);
    expect(exported.statusCode, exported.body).toBe(200);
    const data = exported.json();
    expect(data.contact).toMatchObject({ email, phone: '+33611223344' });
    expect(data.activity.map((a: { subject: string }) => a.subject)).toContain('Divorce en cours');
    expect(data.message.map((m: { content: string }) => m.content)).toContain('Mon code de porte est 1234');
    expect(data.contact_consent[0]).toMatchObject({
      channel: 'EMAIL',
      status: 'OPT_IN',
      proof: 'signed.pdf',
    });
    expect(data.dossier.map((x: { id: string }) => x.id)).toEqual([d.id]);
    expect(data.consentHistory).toHaveLength(1);

    expect(
      (await api(agent, 'POST', `/contacts/${id}/erase`, { reason: 'RGPD', confirmEmail: email })).statusCode,
    ).toBe(403);
    const mismatch = await api(admin, 'POST', `/contacts/${id}/erase`, {
      reason: 'Demande RGPD',
      confirmEmail: 'x@y.z',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(problemOf(mismatch).errors?.[0]?.field).toBe('confirmEmail');
    const erased = await api(admin, 'POST', `/contacts/${id}/erase`, {
      reason: 'Demande RGPD du 22/11',
      confirmEmail: email,
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toMatchObject({ erased: true, redacted: { messages: 1, activities: 1 } });

    const after = (await api(admin, 'GET', `/contacts/${id}/personal-data`)).json();
    expect(after.contact).toMatchObject({ first_name: 'Contact', phone: null, status: 'archived' });
    expect(after.contact.email).toMatch(/@erased\.invalid$/);
    expect(after.contact.erased_at).toBeTruthy();
    expect(after.message[0].content).toBe('[erased]');
    expect(after.activity[0]).toMatchObject({ subject: '[erased]', content: '[erased]' });
    expect(after.contact_consent[0]).toMatchObject({ status: 'OPT_IN', proof: null });
    expect(JSON.stringify(after.timeline_event)).not.toContain('porte est 1234');
    // The dossier keeps its shape (figures and funnel stay right).
    expect((await api(admin, 'GET', `/dossiers/${d.id}`)).json().contactId).toBe(id);

    const chain = await api(admin, 'GET', '/audit/verify');
    expect(chain.statusCode).toBe(200);
    expect(chain.json()).toMatchObject({ valid: true, breaks: [] });
    const audit = (await api(admin, 'GET', `/audit?entityId=${id}&action=ERASE`)).json();
    expect(audit.data[0].afterJson).toMatchObject({
      reason: 'Demande RGPD du 22/11',
      redacted: { messages: 1 },
    });
    expect(JSON.stringify(audit.data[0].afterJson)).not.toContain('Sofia');
    const twice = await api(admin, 'POST', `/contacts/${id}/erase`, {
      reason: 'again',
      confirmEmail: after.contact.email,
    });
    expect(twice.statusCode).toBe(409);
  });
});
