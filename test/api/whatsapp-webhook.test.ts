import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { STAND_IN, standInWhatsAppSettings } from '../helpers/stand-ins.js';
import { deliverSigned, inboundPayload, statusPayload } from '../helpers/whatsapp.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
beforeAll(async () => {
  t = await buildTestApp();
  // The organisation's own number, as its admin sets it (the suite's setup already did, the same).
  const admin = await login(t.app, 'admin@demo.test', 'demo');
  const configured = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/settings/channels/whatsapp',
    headers: admin.headers,
    payload: standInWhatsAppSettings,
  });
  expect(configured.statusCode, configured.body).toBe(200);
  agent = await login(t.app, 'agent@demo.test', 'demo');
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: agent.headers, ...(payload ? { payload } : {}) });

const randomDigits = () => `336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const inbound = (from: string, text: string, id?: string) => inboundPayload(from, text, id ? { id } : {});
const statusCallback = (id: string, status: string) => statusPayload(id, status);
const deliver = (payload: object, secret = STAND_IN.appSecret) =>
  deliverSigned(t.app, 'demo', JSON.stringify(payload), secret);

async function contactByPhone(phone: string) {
  const res = await api('GET', `/contacts?q=${encodeURIComponent(phone.replace('+', ''))}`);
  return res.json().data as Array<{
    id: string;
    phone: string;
    source: string;
    firstName: string;
    lastName: string;
  }>;
}

describe('WhatsApp Cloud API webhook (F-7.4)', () => {
  it('answers the verification challenge only with the verify token', async () => {
    const ok = await t.app.inject({
      method: 'GET',
      url: `/webhooks/whatsapp/demo?hub.mode=subscribe&hub.verify_token=${STAND_IN.verifyToken}&hub.challenge=42424`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('42424');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/webhooks/whatsapp/demo?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
    });
    expect(bad.statusCode).toBe(403);
  });

  it('refuses a bad signature and stores nothing; an unknown sender becomes a lead with a dossier, once', async () => {
    const from = randomDigits();
    const payload = inbound(from, 'Bonjour, je cherche un T3 à Lyon');
    const forged = await deliver(payload, 'not-the-secret');
    expect(forged.statusCode).toBe(401);
    expect(await contactByPhone(`+${from}`)).toEqual([]);

    const first = await deliver(payload);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ stored: 1 });
    const again = await deliver(payload); // Meta redelivers
    expect(again.json()).toMatchObject({ stored: 0 });
    const [contact] = await contactByPhone(`+${from}`);
    expect(contact).toMatchObject({
      phone: `+${from}`,
      source: 'WHATSAPP',
      firstName: 'Yasmine',
      lastName: 'Benali',
    });
    const dossiers = (await api('GET', `/dossiers?contactId=${contact!.id}`)).json().data;
    expect(dossiers).toHaveLength(1);
    expect(dossiers[0]).toMatchObject({ caseType: 'LEAD', source: 'WHATSAPP' });
    const messages = (await api('GET', `/dossiers/${dossiers[0].id}/messages`)).json();
    expect(messages.total).toBe(1);
    expect(messages.data[0]).toMatchObject({
      direction: 'INBOUND',
      channel: 'WHATSAPP',
      deliveryStatus: 'RECEIVED',
    });

    // Their message opened the 24-hour window: free text may now go out (once they consented).
    await api('PUT', `/contacts/${contact!.id}/consents/WHATSAPP`, { status: 'OPT_IN', source: 'WHATSAPP' });
    const reply = await api('POST', `/contacts/${contact!.id}/messages`, {
      channel: 'WHATSAPP',
      content: 'Bonjour !',
    });
    expect(reply.statusCode, reply.body).toBe(202);
    await t.temporal.workflow.getHandle(`message-${reply.json().id}`).result();
    const sent = (await api('GET', `/messages/${reply.json().id}`)).json();
    expect(sent.deliveryStatus).toBe('SENT');

    // Delivery callbacks move it forward, never back.
    expect((await deliver(statusCallback(sent.providerId, 'delivered'))).statusCode).toBe(200);
    expect((await deliver(statusCallback(sent.providerId, 'read'))).statusCode).toBe(200);
    await deliver(statusCallback(sent.providerId, 'delivered'));
    expect((await api('GET', `/messages/${reply.json().id}`)).json().deliveryStatus).toBe('READ');

    // "STOP" records the opt-out, with the message as proof, by the system.
    await deliver(inbound(from, 'Stop'));
    const consents = (await api('GET', `/contacts/${contact!.id}/consents`)).json();
    expect(consents.WHATSAPP).toMatchObject({ status: 'OPT_OUT', source: 'INBOUND_STOP', decidedBy: null });
    expect(consents.WHATSAPP.proof).toContain('"Stop"');
    const refused = await api('POST', `/contacts/${contact!.id}/messages`, {
      channel: 'WHATSAPP',
      content: 'Encore ?',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ reason: 'OPTED_OUT', channel: 'WHATSAPP' });
  });

  it('a message from a known contact lands on their open dossier, in their organisation only', async () => {
    const from = randomDigits();
    const created = await api('POST', '/contacts', {
      firstName: 'Marc',
      lastName: `Connu${from.slice(-4)}`,
      email: `marc.${from}@example.test`,
      phone: `+${from}`,
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await deliver(inbound(from, 'Je confirme la visite'));
    expect(res.json()).toMatchObject({ stored: 1 });
    const contacts = await contactByPhone(`+${from}`);
    expect(contacts.map((c) => c.id)).toEqual([created.json().id]);
    const rival = await login(t.app, 'admin@rival.test', 'rival');
    const rivalSees = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts?q=${from}`,
      headers: rival.headers,
    });
    expect(rivalSees.json().data).toEqual([]);
  });
});
