/**
 * The Temporal server restarted (with its database file) under load (issue 9): transitions in flight
 * either complete or get a retriable 503 (never another error); retried with their Idempotency-Key,
 * every move is in the history exactly once; afterwards every dossier's workflow takes moves again.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import atlasApp from '../../api/app.js';
import { fastifyOptions } from '../../api/fastify-options.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { freePort } from '../../runtime/postgres.js';
import { startTemporalDevServer, type TemporalDevServerHandle } from '../../runtime/temporal-server.js';
import { createWorker } from '../../worker/create-worker.js';
import { login, testEnv } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

Runtime.install({ logger: new DefaultLogger('WARN') });
const SCALE = process.env.FAULT_SCALE === 'full' ? 200 : 16;
const MOVES = 6;
const queue = `restart-test-${Date.now().toString(36)}`;
let dir: string;
let port: number;
let server: TemporalDevServerHandle;
let orm: Orm;
let connection: Connection;
let app: FastifyInstance;
let stopWorker: () => Promise<void>;

const startServer = () =>
  startTemporalDevServer({ port, headless: true, dbFile: path.join(dir, 'temporal.db') });

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-temporal-restart-'));
  port = await freePort();
  server = await startServer();
  orm = await createOrm(inject('appUrl'), 10);
  const { worker, connection: workerConnection } = await createWorker({
    address: server.address,
    namespace: 'default',
    taskQueue: queue,
    deps: { orm },
  });
  const running = worker.run().catch(() => undefined);
  stopWorker = async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
  };
  connection = await Connection.connect({ address: server.address });
  const env = testEnv({ TEMPORAL_TASK_QUEUE: queue });
  app = Fastify(fastifyOptions(env, false));
  await app.register(atlasApp, { env, orm, temporal: new Client({ connection, namespace: 'default' }) });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await stopWorker?.().catch(() => undefined);
  await connection?.close();
  await server?.stop();
  await orm?.close(true);
  rmSync(dir, { recursive: true, force: true });
});

describe('Temporal server restart under load', () => {
  it('loses and doubles nothing; clients see retriable errors at most; workflows resume', async () => {
    const agent = await login(app, 'agent@demo.test', 'demo');
    const history = async (id: string) =>
      (await app.inject({ url: `/api/v1/dossiers/${id}/history`, headers: agent.headers })).json<{
        data: { to: string }[];
      }>().data;
    const dossiers = [];
    for (let i = 0; i < SCALE; i++)
      dossiers.push(await createDossier(app, agent.headers, { budgetMax: 100000, title: `Restart ${i}` }));

    // Each dossier walks a chain of moves while the server restarts; a client retries a 503 with
    // the same Idempotency-Key, as a real client would.
    const seen: number[] = [];
    const chain = async (id: string) => {
      for (let k = 0; k < MOVES; k++) {
        const key = randomUUID();
        const to = k % 2 === 0 ? 'QUALIFIED' : 'NEW';
        for (let attempt = 0; ; attempt++) {
          const res = await transition(app, agent.headers, id, { to }, { 'idempotency-key': key });
          seen.push(res.statusCode);
          if (res.statusCode === 200) break;
          if (res.statusCode !== 503 || attempt > 60) throw new Error(`${res.statusCode} ${res.body}`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    };
    const load = Promise.all(dossiers.map((d) => chain(d.id)));
    await new Promise((r) => setTimeout(r, 300));
    await server.stop();
    server = await startServer();
    await load;

    if (process.env.PROBE_DEBUG)
      console.log('answers', seen.filter((c) => c !== 200).length, 'non-200 of', seen.length);
    expect(seen.filter((c) => c !== 200 && c !== 503)).toEqual([]);
    for (const [i, d] of dossiers.entries())
      expect(await history(d.id), `dossier ${i}`).toHaveLength(1 + MOVES);
    // Every workflow resumed and takes one more move.
    for (const d of dossiers) {
      const res = await transition(app, agent.headers, d.id, { to: MOVES % 2 === 0 ? 'QUALIFIED' : 'NEW' });
      expect(res.statusCode, res.body).toBe(200);
    }
  }, 300_000);
});
