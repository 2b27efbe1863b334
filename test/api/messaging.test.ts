import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import atlasApp from '../../api/app.js';
import { fastifyOptions } from '../../api/fastify-options.js';
import { buildTestApp, login, problemOf, testEnv, type TestApp } from '../helpers/app.js';
import { TEST_TASK_QUEUE } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';
import { STAND_IN, standInWhatsAppSettings, type Received } from '../helpers/stand-ins.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let agent: Session;
beforeAll(async () => {
  t = await buildTestApp();
  // WhatsApp goes out from the organisation's own number, set by its admin (the suite's setup did too).
  const admin = await login(t.app, 'admin@demo.test', 'demo');
  const number = await t.app.inject({
    method: 'PUT',
    url: '/api/v1/settings/channels/whatsapp',
    headers: admin.headers,
    payload: standInWhatsAppSettings,
  });
  expect(number.statusCode, number.body).toBe(200);
  agent = await login(t.app, 'agent@demo.test', 'demo');
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: object = {}) =>
  t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...agent.headers, ...headers },
    ...(payload ? { payload } : {}),
  });

async function received(): Promise<Received> {
  return (await fetch(`${inject('standInUrl')}/__stand-in/received`)).json() as Promise<Received>;
}

async function contactWith(opts: { email?: string; phone?: string; optIn?: string[] }) {
  const run = randomUUID().slice(0, 8);
  const res = await api('POST', '/contacts', {
    firstName: 'Léa',
    lastName: `Envoi${run}`,
    email: opts.email ?? `lea.${run}@example.test`,
    ...(opts.phone ? { phone: opts.phone } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: string }>().id;
  for (const channel of opts.optIn ?? [])
    expect(
      (await api('PUT', `/contacts/${id}/consents/${channel}`, { status: 'OPT_IN', source: 'FORM' }))
        .statusCode,
    ).toBe(200);
  return { id, email: res.json<{ email: string }>().email };
}

/** Waits for the delivery workflow of a message and returns the message as the API shows it. */
async function delivered(messageId: string) {
  await t.temporal.workflow.getHandle(`message-${messageId}`).result();
  const res = await api('GET', `/messages/${messageId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    deliveryStatus: string;
    providerId: string | null;
    failureReason: string | null;
    attempts: number;
  }>();
}

const phone = (last4: string) => `+336${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}${last4}`;

describe('outbound messages through the outbox, the consent gate and real channel protocols (F-6.2, F-7.4)', () => {
  it('refuses to send without consent, then after an opt-out, naming the channel and why; stores nothing', async () => {
    const c = await contactWith({});
    const d = await createDossier(t.app, agent.headers, { contactId: c.id });
    const never = await api('POST', `/dossiers/${d.id}/messages`, {
      send: true,
      channel: 'EMAIL',
      subject: 'Votre visite',
      content: 'Bonjour',
    });
    expect(never.statusCode).toBe(422);
    expect(problemOf(never)).toMatchObject({ channel: 'EMAIL', reason: 'NEVER_CONSENTED' });
    expect(problemOf(never).type).toContain('consent-required');
    await api('PUT', `/contacts/${c.id}/consents/EMAIL`, { status: 'OPT_OUT', source: 'PHONE_CALL' });
    const out = await api('POST', `/dossiers/${d.id}/messages`, {
      send: true,
      channel: 'EMAIL',
      subject: 'Votre visite',
      content: 'Bonjour',
    });
    expect(out.statusCode).toBe(422);
    expect(problemOf(out)).toMatchObject({ reason: 'OPTED_OUT', decidedBy: 'Agent Demo' });
    expect(problemOf(out).detail).toMatch(/opted out of EMAIL messages on \d{4}-\d{2}-\d{2} by Agent Demo/);
    expect((await api('GET', `/dossiers/${d.id}/messages`)).json().total).toBe(0);
  });

  it('sends an email over SMTP once, idempotent by key, SENT with the provider id and on the timeline', async () => {
    const c = await contactWith({ optIn: ['EMAIL'] });
    const d = await createDossier(t.app, agent.headers, { contactId: c.id });
    const key = randomUUID();
    const body = {
      send: true,
      channel: 'EMAIL',
      subject: `Visite ${key.slice(0, 6)}`,
      content: 'À demain 10h',
    };
    const first = await api('POST', `/dossiers/${d.id}/messages`, body, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({
      deliveryStatus: 'PENDING',
      direction: 'OUTBOUND',
      toAddress: c.email,
    });
    const again = await api('POST', `/dossiers/${d.id}/messages`, body, { 'idempotency-key': key });
    expect(again.json().id).toBe(first.json().id);
    const final = await delivered(first.json().id);
    expect(final).toMatchObject({ deliveryStatus: 'SENT', attempts: 1 });
    expect(final.providerId).toContain(first.json().id);
    const mails = (await received()).emails.filter((m) => m.to.includes(c.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: body.subject });
    expect(mails[0]!.messageId).toContain(first.json().id);
    const timeline = (await api('GET', `/dossiers/${d.id}/timeline?kind=MESSAGE_STATUS`)).json().data;
    expect(timeline.map((e: { title: string }) => e.title)).toEqual(['EMAIL sent']);
    // The message's own entry shows where it stands now.
    const entry = (await api('GET', `/dossiers/${d.id}/timeline?kind=MESSAGE`)).json().data[0];
    expect(entry.payload).toMatchObject({ messageId: first.json().id, deliveryStatus: 'SENT' });
  });

  it('retries a transient 503 from the SMS API, and fails a permanent 400 with the provider reason', async () => {
    const flaky = await contactWith({ phone: phone('5030'), optIn: ['SMS'] });
    const sent = await api('POST', `/contacts/${flaky.id}/messages`, {
      channel: 'SMS',
      content: 'Code 1234',
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const ok = await delivered(sent.json().id);
    expect(ok).toMatchObject({ deliveryStatus: 'SENT', attempts: 2 });
    expect(ok.providerId).toMatch(/^SM/);
    const to = sent.json().toAddress as string;
    expect((await received()).sms.filter((m) => m.to === to)).toHaveLength(1);

    const invalid = await contactWith({ phone: phone('0000'), optIn: ['SMS'] });
    const refused = await api('POST', `/contacts/${invalid.id}/messages`, {
      channel: 'SMS',
      content: 'Code 5678',
    });
    expect(refused.statusCode, refused.body).toBe(202);
    const failed = await delivered(refused.json().id);
    expect(failed).toMatchObject({ deliveryStatus: 'FAILED', attempts: 1 });
    expect(failed.failureReason).toContain('is not a valid phone number');
  });

  it('allows WhatsApp free text only inside the 24-hour window; a template goes out otherwise', async () => {
    const c = await contactWith({ phone: phone('1234'), optIn: ['WHATSAPP'] });
    const text = await api('POST', `/contacts/${c.id}/messages`, {
      channel: 'WHATSAPP',
      content: 'Bonjour !',
    });
    expect(text.statusCode).toBe(422);
    expect(problemOf(text).type).toContain('whatsapp-template-required');
    expect(problemOf(text).errors?.[0]?.field).toBe('template');
    const templated = await api('POST', `/contacts/${c.id}/messages`, {
      channel: 'WHATSAPP',
      content: 'Rappel de votre rendez-vous',
      template: { name: 'rappel_rdv', language: 'fr', parameters: ['demain', '10h'] },
    });
    expect(templated.statusCode, templated.body).toBe(202);
    const final = await delivered(templated.json().id);
    expect(final.deliveryStatus).toBe('SENT');
    expect(final.providerId).toMatch(/^wamid\./);
    const wa = (await received()).whatsapp.find((m) => m.id === final.providerId);
    expect(wa).toMatchObject({
      type: 'template',
      body: { name: 'rappel_rdv', language: { code: 'fr' } },
      phoneNumberId: STAND_IN.phoneNumberId,
    });
  });

  it('never loses a queued message, and a person who opts out before the send gets nothing', async () => {
    // An API instance without the workflow engine: the message is queued, its delivery never started.
    const env = testEnv();
    const offline = Fastify(fastifyOptions(env, false));
    await offline.register(atlasApp, { env, orm: t.orm, temporal: undefined });
    await offline.ready();
    const c = await contactWith({ optIn: ['EMAIL'] });
    const queued = await offline.inject({
      method: 'POST',
      url: `/api/v1/contacts/${c.id}/messages`,
      headers: agent.headers,
      payload: { channel: 'EMAIL', subject: 'Offre', content: 'Nouvelle offre' },
    });
    await offline.close();
    expect(queued.statusCode, queued.body).toBe(202);
    expect((await api('GET', `/messages/${queued.json().id}`)).json().deliveryStatus).toBe('PENDING');
    await api('PUT', `/contacts/${c.id}/consents/EMAIL`, { status: 'OPT_OUT', source: 'EMAIL' });

    // The outbox sweep finds it and starts its delivery; the send-time gate refuses it.
    await t.temporal.workflow.execute('outboxSweep', {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: `outbox-sweep-test-${randomUUID()}`,
      args: [{ olderThanSeconds: 0 }],
    });
    const final = await delivered(queued.json().id);
    expect(final.deliveryStatus).toBe('FAILED');
    expect(final.failureReason).toContain('opted out of EMAIL');
    expect((await received()).emails.filter((m) => m.to.includes(c.email))).toHaveLength(0);
    const timeline = (await api('GET', `/contacts/${c.id}/timeline?kind=MESSAGE_STATUS`)).json().data;
    expect(timeline[0].title).toContain('not sent');
  });

  it('refuses bad sends with field errors: PHONE channel, missing subject, no phone number', async () => {
    const c = await contactWith({ optIn: ['EMAIL', 'SMS'] });
    const phoneChannel = await api('POST', `/contacts/${c.id}/messages`, { channel: 'PHONE', content: 'x' });
    expect(phoneChannel.statusCode).toBe(400);
    expect(problemOf(phoneChannel).errors?.[0]?.field).toBe('channel');
    const noSubject = await api('POST', `/contacts/${c.id}/messages`, { channel: 'EMAIL', content: 'x' });
    expect(noSubject.statusCode).toBe(400);
    expect(problemOf(noSubject).errors?.[0]?.field).toBe('subject');
    const noPhone = await api('POST', `/contacts/${c.id}/messages`, { channel: 'SMS', content: 'x' });
    expect(noPhone.statusCode).toBe(400);
    expect(problemOf(noPhone).errors?.[0]?.message).toContain('phone');
  });
});
