import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnWorkerProcess } from '../helpers/spawn-worker.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import type { Received } from '../helpers/stand-ins.js';

const queue = `send-kill-${Date.now().toString(36)}`;
const startWorker = () =>
  spawnWorkerProcess({
    appUrl: inject('appUrl'),
    temporalAddress: inject('temporalAddress'),
    taskQueue: queue,
    standInUrl: inject('standInUrl'),
  });
let t: TestApp;
let agent: Awaited<ReturnType<typeof login>>;
let worker: ChildProcess | undefined;

const smsTo = async (phone: string) =>
  ((await (await fetch(`${inject('standInUrl')}/__stand-in/received`)).json()) as Received).sms.filter(
    (m) => m.to === phone,
  );

beforeAll(async () => {
  t = await buildTestApp({ TEMPORAL_TASK_QUEUE: queue });
  agent = await login(t.app, 'agent@demo.test', 'demo');
  worker = await startWorker();
});
afterAll(async () => {
  worker?.kill('SIGKILL');
  await t.close();
});

describe('sending survives a worker killed mid-send', () => {
  it(
    'the provider got the SMS, the worker died before recording it: the retry sends it once (idempotency token)',
    { timeout: 90_000 },
    async () => {
      const phone = `+336${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}7777`;
      const contact = await t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: agent.headers,
        payload: {
          firstName: 'Kill',
          lastName: 'Send',
          email: `kill.${randomUUID().slice(0, 8)}@example.test`,
          phone,
        },
      });
      const id = contact.json().id as string;
      await t.app.inject({
        method: 'PUT',
        url: `/api/v1/contacts/${id}/consents/SMS`,
        headers: agent.headers,
        payload: { status: 'OPT_IN', source: 'FORM' },
      });
      const sent = await t.app.inject({
        method: 'POST',
        url: `/api/v1/contacts/${id}/messages`,
        headers: agent.headers,
        payload: { channel: 'SMS', content: 'Votre code : 4242' },
      });
      expect(sent.statusCode, sent.body).toBe(202);
      // The stand-in accepted it and holds its answer 1.5 s: kill the worker in that window.
      for (let i = 0; i < 100 && !(await smsTo(phone)).length; i++) await sleep(50);
      expect(await smsTo(phone)).toHaveLength(1);
      worker!.kill('SIGKILL');
      await sleep(300);
      worker = await startWorker();
      await t.temporal.workflow.getHandle(`message-${sent.json().id}`).result();
      const message = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/messages/${sent.json().id}`,
          headers: agent.headers,
        })
      ).json();
      expect(message).toMatchObject({ deliveryStatus: 'SENT', attempts: 2 });
      const received = await smsTo(phone);
      expect(received).toHaveLength(1);
      expect(message.providerId).toBe(received[0]!.sid);
    },
  );
});
