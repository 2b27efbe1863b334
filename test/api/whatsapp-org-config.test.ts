/**
 * Issue 15 item 6: each organisation has its own WhatsApp number (settings/channels/whatsapp), with its
 * secrets write-only and sealed at rest; a webhook delivery is accepted only by the organisation whose
 * app secret signed it and whose phone number id it carries, so signed bytes cannot be replayed into
 * another organisation. Item 11: the verification GET answers alike for an existing and an unknown slug.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm, type Orm } from '../../db/orm.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { createProbeOrg } from '../helpers/probe-org.js';
import { STAND_IN, STAND_IN_RIVAL, standInWhatsAppSettings, type Received } from '../helpers/stand-ins.js';
import { deliverSigned, inboundPayload, statusPayload } from '../helpers/whatsapp.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let ownerOrm: Orm;
let demo: Session;
let rival: Session;
const SETTINGS = '/api/v1/settings/channels/whatsapp';

const call = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await buildTestApp();
  ownerOrm = await createOrm(inject('ownerUrl'), 2);
  demo = await login(t.app, 'admin@demo.test', 'demo');
  rival = await login(t.app, 'admin@rival.test', 'rival');
  for (const [s, settings] of [
    [demo, standInWhatsAppSettings],
    [rival, STAND_IN_RIVAL],
  ] as const) {
    const res = await call(s, 'PUT', SETTINGS, settings);
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => {
  await ownerOrm.close(true);
  await t.close();
});

const randomDigits = () => `336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const contactsWith = async (s: Session, digits: string) =>
  (await call(s, 'GET', `/api/v1/contacts?q=${digits}`)).json().data as unknown[];

async function ownerQuery<T extends pg.QueryResultRow>(sql: string, params: unknown[]) {
  const db = new pg.Client({ connectionString: inject('ownerUrl') });
  await db.connect();
  try {
    return (await db.query<T>(sql, params)).rows;
  } finally {
    await db.end();
  }
}

describe('WhatsApp: one number per organisation', () => {
  it("the same signed bytes posted to another organisation's URL create nothing there", async () => {
    const from = randomDigits();
    const raw = JSON.stringify(inboundPayload(from, 'Bonjour, un T2 ?'));
    // Signed by the demo organisation's app: the rival's secret does not check it.
    const replayed = await deliverSigned(t.app, 'rival', raw, STAND_IN.appSecret);
    expect(replayed.statusCode, replayed.body).toBe(401);
    // Even signed with the rival's own secret, a delivery for demo's number is refused whole.
    const foreign = await deliverSigned(t.app, 'rival', raw, STAND_IN_RIVAL.appSecret);
    expect(foreign.statusCode, foreign.body).toBe(403);
    expect(foreign.json().type).toContain('phone-number-mismatch');
    expect(await contactsWith(rival, from)).toEqual([]);

    const genuine = await deliverSigned(t.app, 'demo', raw, STAND_IN.appSecret);
    expect(genuine.statusCode, genuine.body).toBe(200);
    expect(genuine.json()).toMatchObject({ stored: 1 });
    expect(await contactsWith(demo, from)).toHaveLength(1);
    expect(await contactsWith(rival, from)).toEqual([]);
  });

  it("sends from the organisation's own number; a status callback cannot touch another organisation's message", async () => {
    const digits = randomDigits();
    const contact = await call(rival, 'POST', '/api/v1/contacts', {
      firstName: 'Nadia',
      lastName: `Rivale${digits.slice(-4)}`,
      email: `nadia.${digits}@example.test`,
      phone: `+${digits}`,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const contactId = contact.json().id as string;
    await call(rival, 'PUT', `/api/v1/contacts/${contactId}/consents/WHATSAPP`, {
      status: 'OPT_IN',
      source: 'FORM',
    });
    const queued = await call(rival, 'POST', `/api/v1/contacts/${contactId}/messages`, {
      channel: 'WHATSAPP',
      content: 'Votre visite',
      template: { name: 'rappel_rdv', language: 'fr', parameters: ['demain'] },
    });
    expect(queued.statusCode, queued.body).toBe(202);
    const messageId = queued.json().id as string;
    await t.temporal.workflow.getHandle(`message-${messageId}`).result();
    const message = async () => (await call(rival, 'GET', `/api/v1/messages/${messageId}`)).json();
    const sent = await message();
    expect(sent.deliveryStatus, JSON.stringify(sent)).toBe('SENT');
    const received = (await (await fetch(`${inject('standInUrl')}/__stand-in/received`)).json()) as Received;
    expect(received.whatsapp.find((w) => w.id === sent.providerId)?.phoneNumberId).toBe(
      STAND_IN_RIVAL.phoneNumberId,
    );

    // A "failed" callback for the rival's message, signed for the demo number, on every URL.
    const forged = JSON.stringify(statusPayload(sent.providerId, 'failed'));
    expect((await deliverSigned(t.app, 'rival', forged, STAND_IN.appSecret)).statusCode).toBe(401);
    expect((await deliverSigned(t.app, 'rival', forged, STAND_IN_RIVAL.appSecret)).statusCode).toBe(403);
    expect((await deliverSigned(t.app, 'demo', forged, STAND_IN.appSecret)).statusCode).toBe(200);
    const rivalSigned = JSON.stringify(
      statusPayload(sent.providerId, 'failed', STAND_IN_RIVAL.phoneNumberId),
    );
    expect((await deliverSigned(t.app, 'demo', rivalSigned, STAND_IN_RIVAL.appSecret)).statusCode).toBe(401);
    expect((await message()).deliveryStatus).toBe('SENT');

    // The rival's own number, on the rival's URL, moves it.
    const own = JSON.stringify(statusPayload(sent.providerId, 'delivered', STAND_IN_RIVAL.phoneNumberId));
    expect((await deliverSigned(t.app, 'rival', own, STAND_IN_RIVAL.appSecret)).statusCode).toBe(200);
    expect((await message()).deliveryStatus).toBe('DELIVERED');
  });

  it('keeps the secrets write-only: the API never returns them and the database holds only ciphertext', async () => {
    const view = await call(demo, 'GET', SETTINGS);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      configured: true,
      phoneNumberId: STAND_IN.phoneNumberId,
      appSecretSet: true,
      accessTokenSet: true,
      verifyTokenSet: true,
    });
    const secrets = [STAND_IN.appSecret, STAND_IN.accessToken, STAND_IN.verifyToken];
    for (const secret of secrets) expect(view.body).not.toContain(secret);
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    expect((await call(agent, 'GET', SETTINGS)).statusCode).toBe(403);
    expect((await call(agent, 'PUT', SETTINGS, standInWhatsAppSettings)).statusCode).toBe(403);

    // A change without secrets keeps them.
    const renamed = await call(demo, 'PUT', SETTINGS, { phoneNumberId: STAND_IN.phoneNumberId });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ configured: true, appSecretSet: true });

    const [row] = await ownerQuery<{ secrets: Record<string, string> }>(
      `select c.secrets from org_channel_config c join organization o on o.id = c.org_id where o.slug = 'demo'`,
      [],
    );
    expect(Object.keys(row!.secrets).sort()).toEqual(['accessToken', 'appSecret', 'verifyToken']);
    const stored = JSON.stringify(row!.secrets);
    for (const secret of secrets) expect(stored).not.toContain(secret);
    for (const sealed of Object.values(row!.secrets)) expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const audit = await ownerQuery<{ t: string }>(
      `select a.before_json::text || a.after_json::text as t from audit_event a
         join organization o on o.id = a.org_id where o.slug = 'demo' and a.entity_type = 'ChannelConfig'`,
      [],
    );
    expect(audit.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(audit.map((a) => a.t).join()).not.toContain(secret);
  });

  it('refuses a number of another organisation, a malformed one and a first configuration without secrets', async () => {
    const taken = await call(rival, 'PUT', SETTINGS, { phoneNumberId: STAND_IN.phoneNumberId });
    expect(taken.statusCode, taken.body).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
    expect(taken.json().errors[0]).toMatchObject({ field: 'phoneNumberId', code: 'PHONE_NUMBER_IN_USE' });
    expect((await call(rival, 'GET', SETTINGS)).json().phoneNumberId).toBe(STAND_IN_RIVAL.phoneNumberId);

    const malformed = await call(rival, 'PUT', SETTINGS, { phoneNumberId: 'abc', appSecret: 'x' });
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['appSecret', 'phoneNumberId']);

    const fresh = await createProbeOrg(t.app, ownerOrm, `wa-${randomUUID().slice(0, 4)}`);
    const admin = fresh.sessions.admin;
    expect((await call(admin, 'GET', SETTINGS)).json()).toMatchObject({
      configured: false,
      phoneNumberId: null,
      appSecretSet: false,
    });
    const partial = await call(admin, 'PUT', SETTINGS, {
      phoneNumberId: '99887766',
      appSecret: 'only-one-secret',
    });
    expect(partial.statusCode, partial.body).toBe(422);
    expect(
      partial
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['accessToken', 'verifyToken']);
    expect((await call(admin, 'GET', SETTINGS)).json().configured).toBe(false);

    // No platform-wide number to fall back on: a WhatsApp send is refused at once, nothing queued.
    const digits = randomDigits();
    const contact = await call(admin, 'POST', '/api/v1/contacts', {
      firstName: 'Sans',
      lastName: `Numero${digits.slice(-4)}`,
      email: `sans.${digits}@example.test`,
      phone: `+${digits}`,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const contactId = contact.json().id as string;
    await call(admin, 'PUT', `/api/v1/contacts/${contactId}/consents/WHATSAPP`, {
      status: 'OPT_IN',
      source: 'FORM',
    });
    const send = await call(admin, 'POST', `/api/v1/contacts/${contactId}/messages`, {
      channel: 'WHATSAPP',
      content: 'Bonjour',
      template: { name: 'bienvenue', language: 'fr', parameters: [] },
    });
    expect(send.statusCode, send.body).toBe(422);
    expect(send.json()).toMatchObject({ type: expect.stringContaining('channel-not-configured') });
    expect(send.json().errors[0]).toMatchObject({ field: 'channel', code: 'CHANNEL_NOT_CONFIGURED' });
    const queued = await ownerQuery<{ n: number }>(
      'select count(*)::int as n from message where contact_id = $1',
      [contactId],
    );
    expect(queued[0]!.n).toBe(0);
  });

  it('answers the verification challenge with the organisation’s own token, alike for unknown slugs', async () => {
    const challenge = (slug: string, token: string) =>
      t.app.inject({
        url: `/webhooks/whatsapp/${slug}?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=777`,
      });
    const ok = await challenge('rival', STAND_IN_RIVAL.verifyToken);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('777');
    expect((await challenge('rival', STAND_IN.verifyToken)).statusCode).toBe(403);

    const existing = await challenge('demo', 'wrong-token');
    const unknown = await challenge(`no-such-org-${randomUUID().slice(0, 8)}`, 'wrong-token');
    const shape = (res: typeof existing) => {
      const { instance: _instance, correlationId: _correlationId, ...rest } = res.json();
      return { status: res.statusCode, type: res.headers['content-type'], body: rest };
    };
    expect(shape(existing).status).toBe(403);
    expect(shape(unknown)).toEqual(shape(existing));
    // A delivery to an unknown slug answers as a bad signature does.
    const raw = JSON.stringify(inboundPayload(randomDigits(), 'x'));
    const ghost = await deliverSigned(t.app, `no-such-org-${randomUUID().slice(0, 8)}`, raw, 'whatever');
    const badSignature = await deliverSigned(t.app, 'demo', raw, 'not-the-secret');
    expect(ghost.statusCode).toBe(401);
    expect(shape(ghost)).toEqual(shape(badSignature));
  });
});
