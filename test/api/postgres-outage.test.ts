/**
 * PostgreSQL stopped under the API (issue 9): while it is down every request answers 503 with a
 * problem body, quickly (no hang, no crash); once it is back the API serves again by itself, and
 * nothing written during the outage half-landed. Runs on its own embedded PostgreSQL, stopped and
 * restarted for real.
 */
import { Client, Connection } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import atlasApp from '../../api/app.js';
import { fastifyOptions } from '../../api/fastify-options.js';
import { appDatabaseUrl, migrate } from '../../db/migrate.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { seedDemo } from '../../seed/demo-orgs.js';
import { freePort, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../runtime/postgres.js';
import { login, testEnv } from '../helpers/app.js';
import { TEST_APP_ROLE, TEST_PASSWORD } from '../helpers/constants.js';

let dir: string;
let port: number;
let pg: EmbeddedPostgresHandle;
let orm: Orm;
let connection: Connection;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-outage-pg-'));
  port = await freePort();
  pg = await startEmbeddedPostgres({ dataDir: dir, port, database: 'atlas', persistent: true });
  await migrate(pg.url, TEST_APP_ROLE);
  const owner = await createOrm(pg.url, 2);
  await seedDemo(owner, TEST_PASSWORD);
  await owner.close(true);
  orm = await createOrm(appDatabaseUrl(pg.url, TEST_APP_ROLE), 5);
  connection = await Connection.connect({ address: inject('temporalAddress') });
  const env = testEnv();
  app = Fastify(fastifyOptions(env, false));
  await app.register(atlasApp, { env, orm, temporal: new Client({ connection, namespace: 'default' }) });
  await app.ready();
}, 180_000);
afterAll(async () => {
  await app?.close();
  await connection?.close();
  await orm?.close(true);
  await pg?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('PostgreSQL outage', () => {
  it('answers 503 problems while the database is down, then serves again with nothing half-written', async () => {
    const agent = await login(app, 'agent@demo.test', 'demo');
    const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url, headers: agent.headers, ...(payload ? { payload } : {}) });
    const contact = (lastName: string) => ({
      firstName: 'Panne',
      lastName,
      email: `${lastName}@example.test`,
    });
    const before = `before${randomUUID().slice(0, 8)}`;
    expect((await api('POST', '/api/v1/contacts', contact(before))).statusCode).toBe(201);

    await pg.stop();
    const during = `during${randomUUID().slice(0, 8)}`;
    for (const [method, url, payload] of [
      ['GET', '/api/v1/contacts'],
      ['POST', '/api/v1/contacts', contact(during)],
      ['GET', '/api/v1/dashboard'],
    ] as const) {
      const started = Date.now();
      const res = await api(method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBeDefined();
      expect(Date.now() - started).toBeLessThan(10_000);
    }
    const health = await app.inject({ url: '/health' });
    expect(health.statusCode).toBe(503);

    pg = await startEmbeddedPostgres({ dataDir: dir, port, database: 'atlas', persistent: true });
    let back = 0;
    for (let i = 0; i < 40 && back !== 200; i++) {
      back = (await api('GET', '/api/v1/contacts?pageSize=1')).statusCode;
      if (back !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect(back).toBe(200);
    const search = async (q: string) =>
      (await api('GET', `/api/v1/contacts?q=${q}`)).json<{ total: number }>().total;
    expect(await search(before)).toBe(1);
    expect(await search(during)).toBe(0);
  }, 120_000);
});
