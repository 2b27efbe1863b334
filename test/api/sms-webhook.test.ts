import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../api/routes/webhooks/sms.js';
import { withTenant } from '../../db/orm.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { STAND_IN } from '../helpers/stand-ins.js';

const BASE = 'https://crm.example.test';
let t: TestApp;
let agent: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp({ SMS_AUTH_TOKEN: STAND_IN.authToken, PUBLIC_BASE_URL: BASE });
  agent = await login(t.app, 'agent@demo.test', 'demo');
});
afterAll(() => t.close());

function post(params: Record<string, string>, token = STAND_IN.authToken) {
  const url = '/webhooks/sms/demo';
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(token, `${BASE}${url}`, params),
    },
    payload: new URLSearchParams(params).toString(),
  });
}

describe('Twilio SMS webhook', () => {
  it('matches the documented signature example', () => {
    // Twilio's security docs: this URL, these parameters and token give this signature.
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+14158675310',
      Digits: '1234',
      From: '+14158675310',
      To: '+18005551212',
    };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
      'GvWf1cFY/Q7PnoempGyD5oXAezc=',
    );
  });

  it('refuses a bad signature; stores an inbound SMS once; STOP opts the sender out of SMS', async () => {
    const phone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: agent.headers,
      payload: {
        firstName: 'Hugo',
        lastName: 'Sms',
        email: `hugo.${randomUUID().slice(0, 6)}@example.test`,
        phone,
      },
    });
    const contactId = created.json().id as string;
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    const inbound = { MessageSid: sid, From: phone, To: STAND_IN.smsFrom, Body: 'Je suis disponible demain' };
    expect((await post(inbound, 'wrong-token')).statusCode).toBe(401);
    const first = await post(inbound);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.body).toContain('<Response></Response>');
    expect((await post(inbound)).statusCode).toBe(200); // redelivered
    const timeline = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/${contactId}/timeline?kind=MESSAGE`,
      headers: agent.headers,
    });
    expect(timeline.json().data.map((e: { body: string }) => e.body)).toEqual(['Je suis disponible demain']);

    await post({
      MessageSid: `SM${randomUUID().replace(/-/g, '')}`,
      From: phone,
      To: STAND_IN.smsFrom,
      Body: 'ARRET',
    });
    const consents = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/${contactId}/consents`,
      headers: agent.headers,
    });
    expect(consents.json().SMS).toMatchObject({ status: 'OPT_OUT', source: 'INBOUND_STOP' });
  });

  it('stores a message whose From is not an E.164 number as from an unknown sender, never as a name', async () => {
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    const body = `Bonjour ${randomUUID()}`;
    const res = await post({ MessageSid: sid, From: '=cmd|calc', To: STAND_IN.smsFrom, Body: body });
    expect(res.statusCode, res.body).toBe(200);
    const ctx = { orgId: agent.user.orgId, orgSlug: 'demo' };
    const [stored, contacts] = await withTenant(t.orm, ctx, async (em) => [
      await em.execute<{ contact_id: string | null; content: string }[]>(
        `select contact_id, content from message where provider_id = ?`,
        [sid],
      ),
      await em.execute<{ id: string }[]>(
        `select id from contact where phone = ? or first_name like ? or last_name like ? or email like ?`,
        ['=cmd|calc', '%=cmd%', '%=cmd%', '%cmd%'],
      ),
    ]);
    expect(stored).toEqual([{ contact_id: null, content: body }]);
    expect(contacts).toEqual([]);
  });
});
