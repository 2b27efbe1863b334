/**
 * Local stand-ins for the providers we cannot reach from here, speaking their real protocols: an SMTP
 * server (smtp-server), and one HTTP server reproducing Twilio's Messages API and the WhatsApp Cloud
 * API request/response shapes and error bodies. Our channel code talks to them exactly as it would
 * to the real services; tests read what arrived at GET /__stand-in/received.
 *
 * Scripted behaviour by recipient, so tests choose a failure by choosing an address or number:
 * - email local part `smtp-reject…` → 550 at RCPT TO (permanent); `smtp-busy…` → 451 the first time.
 * - phone ending 0000 → 400 invalid number (Twilio 21211 / Cloud API 131026), permanent.
 * - phone ending 5030 → 503 the first time, then accepted (transient).
 * - phone ending 7777 → accepted at once, answered 1.5 s later (to kill a worker mid-send).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { TEST_CONFIG_KEY, TEST_JWT_SECRET } from './constants.js';

export interface Received {
  emails: {
    to: string[];
    from: string;
    subject: string | null;
    messageId: string | null;
    raw: string;
    at: number;
  }[];
  sms: { to: string; from: string; body: string; sid: string; idempotencyToken: string | null; at: number }[];
  whatsapp: { to: string; type: string; body: unknown; id: string; at: number; phoneNumberId: string }[];
}

export const STAND_IN = {
  accountSid: 'ACtest00000000000000000000000000',
  authToken: 'stand-in-token',
  smsFrom: '+33700000000',
  /** The demo organisation's WhatsApp number (its settings; seeded by the suite's setup). */
  phoneNumberId: '1234567890',
  accessToken: 'stand-in-whatsapp-token',
  appSecret: 'stand-in-app-secret',
  verifyToken: 'stand-in-verify-token',
};

/** Another organisation's own WhatsApp number, as the stand-in knows it too. */
export const STAND_IN_RIVAL = {
  phoneNumberId: '1234567891',
  accessToken: 'stand-in-rival-whatsapp-token',
  appSecret: 'stand-in-rival-app-secret',
  verifyToken: 'stand-in-rival-verify-token',
};

/** Cloud API numbers the stand-in serves, with the access token each one accepts. */
const WHATSAPP_NUMBERS = new Map([
  [STAND_IN.phoneNumberId, STAND_IN.accessToken],
  [STAND_IN_RIVAL.phoneNumberId, STAND_IN_RIVAL.accessToken],
]);

/** The demo organisation's number through the settings API (what an admin does once). */
export const standInWhatsAppSettings = {
  phoneNumberId: STAND_IN.phoneNumberId,
  appSecret: STAND_IN.appSecret,
  accessToken: STAND_IN.accessToken,
  verifyToken: STAND_IN.verifyToken,
};

/** The environment that points the channels at the stand-ins (SMTP only when its port is given). */
export function standInChannelEnv(httpUrl: string, smtpPort?: number): Record<string, string> {
  return {
    NODE_ENV: 'test',
    JWT_SECRET: TEST_JWT_SECRET,
    ...(smtpPort ? { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort) } : {}),
    SMS_API_BASE_URL: httpUrl,
    SMS_ACCOUNT_SID: STAND_IN.accountSid,
    SMS_AUTH_TOKEN: STAND_IN.authToken,
    SMS_FROM: STAND_IN.smsFrom,
    WHATSAPP_API_BASE_URL: httpUrl,
    // Each organisation's WhatsApp number is in its settings, sealed under this key.
    CONFIG_ENCRYPTION_KEY: TEST_CONFIG_KEY,
    CHANNEL_TIMEOUT_MS: '5000',
  };
}

export interface StandIns {
  smtpPort: number;
  httpUrl: string;
  received: Received;
  close(): Promise<void>;
}

const header = (raw: string, name: string) =>
  new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(raw)?.[1]?.trim() ?? null;

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startStandIns(): Promise<StandIns> {
  const received: Received = { emails: [], sms: [], whatsapp: [] };
  const failedOnce = new Set<string>();
  const smsByToken = new Map<string, string>();

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const local = address.address.split('@')[0] ?? '';
      if (local.startsWith('smtp-reject')) {
        const err = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
        return callback(err);
      }
      if (local.startsWith('smtp-busy') && !failedOnce.has(address.address)) {
        failedOnce.add(address.address);
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        received.emails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          subject: header(raw, 'Subject'),
          messageId: header(raw, 'Message-ID'),
          raw,
          at: Date.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const api = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const json = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method === 'GET' && url.pathname === '/__stand-in/received') return json(200, received);
      const twilio = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
      if (req.method === 'POST' && twilio) {
        const expected = `Basic ${Buffer.from(`${STAND_IN.accountSid}:${STAND_IN.authToken}`).toString('base64')}`;
        if (req.headers.authorization !== expected || twilio[1] !== STAND_IN.accountSid)
          return json(401, { code: 20003, message: 'Authenticate', status: 401 });
        const form = new URLSearchParams(body);
        const to = form.get('To') ?? '';
        if (to.endsWith('0000'))
          return json(400, {
            code: 21211,
            message: `The 'To' number ${to} is not a valid phone number.`,
            status: 400,
          });
        if (to.endsWith('5030') && !failedOnce.has(to)) {
          failedOnce.add(to);
          return json(503, { code: 20503, message: 'Service unavailable', status: 503 });
        }
        const token = (req.headers['i-twilio-idempotency-token'] as string | undefined) ?? null;
        const known = token ? smsByToken.get(token) : undefined;
        if (known) return json(201, { sid: known, status: 'queued', to });
        const sid = `SM${randomUUID().replace(/-/g, '')}`;
        if (token) smsByToken.set(token, sid);
        received.sms.push({
          at: Date.now(),
          to,
          from: form.get('From') ?? '',
          body: form.get('Body') ?? '',
          sid,
          idempotencyToken: token,
        });
        // A slow provider: the message is accepted, the answer comes late (a worker can die meanwhile).
        if (to.endsWith('7777')) await new Promise((r) => setTimeout(r, 1500));
        return json(201, { sid, status: 'queued', to, body: form.get('Body') });
      }
      const cloud = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(url.pathname);
      if (req.method === 'POST' && cloud) {
        const token = WHATSAPP_NUMBERS.get(cloud[2] ?? '');
        if (!token || req.headers.authorization !== `Bearer ${token}`)
          return json(401, {
            error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190 },
          });
        const payload = JSON.parse(body) as { to: string; type: string; text?: unknown; template?: unknown };
        if (payload.to.endsWith('0000'))
          return json(400, {
            error: { message: '(#131026) Message undeliverable', type: 'OAuthException', code: 131026 },
          });
        if (payload.to.endsWith('5030') && !failedOnce.has(`wa:${payload.to}`)) {
          failedOnce.add(`wa:${payload.to}`);
          return json(503, { error: { message: 'Service temporarily unavailable', code: 2 } });
        }
        const id = `wamid.${randomUUID().replace(/-/g, '')}`;
        received.whatsapp.push({
          at: Date.now(),
          to: payload.to,
          type: payload.type,
          body: payload.text ?? payload.template,
          id,
          phoneNumberId: cloud[2] ?? '',
        });
        return json(200, {
          messaging_product: 'whatsapp',
          contacts: [{ input: payload.to, wa_id: payload.to }],
          messages: [{ id }],
        });
      }
      json(404, { error: { message: `stand-in: no route ${req.method} ${url.pathname}` } });
    })();
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const httpUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  return {
    smtpPort,
    httpUrl,
    received,
    close: async () => {
      await new Promise<void>((resolve) => api.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
