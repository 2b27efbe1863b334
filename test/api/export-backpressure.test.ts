/**
 * Unread exports must not starve the pool (issue 15, item 3). Real sockets (node:net) ask for large
 * exports and never read, or close mid-stream; meanwhile other tenants and /health must answer
 * promptly, the export bound answers 429/503 problems with Retry-After, and the stalled transactions
 * are released (pg_stat_activity, filtered on this file's own application_name).
 */
import { Client, Connection } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import atlasApp from '../../api/app.js';
import { fastifyOptions } from '../../api/fastify-options.js';
import { bulkLoad, ensureBenchOrg } from '../../seed/bulk-load.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { login, testEnv } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/constants.js';

// ~25,000 contacts ≈ 7 MB of JSON: far more than the loopback socket buffers hold.
const CONTACTS = 25_000;
const POOL = 10;

let db: pg.Client;
let ownerOrm: Orm;
let connection: Connection;
const opened: net.Socket[] = [];
const orgs: Record<'big' | 'other' | 'bystander', string> = { big: '', other: '', bystander: '' };

beforeAll(async () => {
  db = new pg.Client({ connectionString: inject('ownerUrl') });
  await db.connect();
  ownerOrm = await createOrm(inject('ownerUrl'), 2);
  connection = await Connection.connect({ address: inject('temporalAddress') });
  const run = randomUUID().slice(0, 6);
  for (const key of Object.keys(orgs) as Array<keyof typeof orgs>) {
    const slug = `bp-${key}-${run}`;
    const orgId = await ensureBenchOrg(ownerOrm, slug, TEST_PASSWORD);
    if (key !== 'bystander') {
      const users = await db.query<{ id: string }>(`select id from app_user where org_id = $1`, [orgId]);
      await bulkLoad(db, { orgId, contacts: CONTACTS, dossiers: 0, agentIds: users.rows.map((u) => u.id) });
    }
    orgs[key] = slug;
  }
}, 180_000);
afterAll(async () => {
  for (const socket of opened) socket.destroy();
  await connection?.close();
  await ownerOrm?.close(true);
  await db?.end();
});

interface Api {
  app: FastifyInstance;
  orm: Orm;
  port: number;
  appName: string;
  close(): Promise<void>;
}

/** The API listening on a real port, its pool tagged with an application_name of its own. */
async function listeningApi(env: Record<string, string>): Promise<Api> {
  const e = testEnv(env);
  const appName = `bp-${randomUUID().slice(0, 8)}`;
  const orm = await createOrm(inject('appUrl'), POOL, {
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    applicationName: appName,
  });
  const app = Fastify(fastifyOptions(e, false));
  await app.register(atlasApp, { env: e, orm, temporal: new Client({ connection, namespace: 'default' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as net.AddressInfo).port;
  return {
    app,
    orm,
    port,
    appName,
    async close() {
      await app.close();
      await orm.close(true);
    },
  };
}

interface RawExport {
  socket: net.Socket;
  status: number;
  headers: string;
  /** Reads on until the server closes the connection; the tail of what arrived. */
  readToClose(): Promise<string>;
}

/** Sends an export request on a raw socket, reads only the response head, then stops reading. */
function rawExport(port: number, token: string, path = '/api/v1/exports/contacts?format=json') {
  return new Promise<RawExport>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    opened.push(socket);
    let head = '';
    const readToClose = () =>
      new Promise<string>((done) => {
        let tail = '';
        socket.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString('latin1')).slice(-64)));
        socket.once('close', () => done(tail));
        socket.resume();
      });
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.pause(); // never read again: the kernel buffers fill, then the server's writes block
      resolve({ socket, status: Number(head.slice(9, 12)), headers: head.slice(0, end), readToClose });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nConnection: keep-alive\r\n\r\n`,
    );
  });
}

/** Within `ms`, or fails: a request stuck behind a starved pool must fail the test, not hang it. */
async function within<T>(ms: number, what: string, p: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const value = await Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
  return { value, ms: Math.round(performance.now() - started) };
}

async function backends(appName: string) {
  const r = await db.query<{ state: string; n: string }>(
    `select state, count(*) as n from pg_stat_activity where application_name = $1 group by state`,
    [appName],
  );
  return Object.fromEntries(r.rows.map((row) => [row.state, Number(row.n)])) as Record<string, number>;
}

async function until(what: string, ms: number, check: () => Promise<boolean>) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const idleInTx = async (api: Api) => (await backends(api.appName))['idle in transaction'] ?? 0;

describe('unread exports (issue 15, item 3)', () => {
  it('25 unread exports keep to their bound; other tenants and /health stay prompt; the write timeout releases the connections', async () => {
    const api = await listeningApi({
      EXPORT_CONCURRENCY_PER_ORG: '2',
      EXPORT_CONCURRENCY_TOTAL: '3',
      EXPORT_WRITE_TIMEOUT_MS: '4000',
    });
    try {
      const big = await login(api.app, `admin@${orgs.big}.test`, orgs.big);
      const other = await login(api.app, `admin@${orgs.other}.test`, orgs.other);
      const bystander = await login(api.app, `admin@${orgs.bystander}.test`, orgs.bystander);

      // Before the fix, 10 of them took the whole pool and the other 15 waited for it for ever.
      const { value: stalled } = await within(
        10_000,
        '25 export requests',
        Promise.all(Array.from({ length: 25 }, () => rawExport(api.port, big.token))),
      );
      const started = stalled.filter((s) => s.status === 200);
      const refused = stalled.filter((s) => s.status !== 200);
      expect(started).toHaveLength(2);
      expect(refused).toHaveLength(23);
      for (const r of refused) {
        expect(r.status).toBe(429);
        expect(r.headers).toMatch(/\r\ncontent-type: application\/problem\+json/i);
        expect(r.headers).toMatch(/\r\nretry-after: \d+/i);
      }
      const [third] = [await rawExport(api.port, other.token)];
      expect(third!.status).toBe(200);
      // The streams really stalled: their transactions wait, idle, for the client.
      await until('three stalled exports', 10_000, async () => (await idleInTx(api)) === 3);

      // Beyond the total bound: 503 for an organisation that runs none, with the problem's code.
      const busy = await within(
        3000,
        'export beyond the total',
        api.app.inject({ url: '/api/v1/exports/contacts', headers: bystander.headers }),
      );
      expect(busy.value.statusCode).toBe(503);
      expect(busy.value.headers['retry-after']).toMatch(/^\d+$/);
      expect(busy.value.headers['content-type']).toContain('application/problem+json');
      expect(busy.value.json()).toMatchObject({ status: 503, code: 'EXPORT_LIMIT_TOTAL' });
      const mine = await api.app.inject({ url: '/api/v1/exports/contacts', headers: big.headers });
      expect(mine.statusCode).toBe(429);
      expect(mine.json()).toMatchObject({ status: 429, code: 'EXPORT_LIMIT_PER_ORG', params: { limit: 2 } });

      // Everyone else is served at once, through the same pool.
      const health = await within(3000, '/health', api.app.inject({ url: '/health' }));
      expect(health.value.statusCode, health.value.body).toBe(200);
      const lists = await within(
        5000,
        'other tenants',
        Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            api.app.inject({
              url: '/api/v1/contacts?pageSize=5',
              headers: (i % 2 ? bystander : other).headers,
            }),
          ),
        ),
      );
      expect(lists.value.map((r) => r.statusCode)).toEqual(Array(12).fill(200));

      // The write timeout ends the stalled streams: no transaction left behind, and the server
      // cut the connections (a download without its last chunk, never one that looks complete).
      await until('no idle transaction left', 15_000, async () => (await idleInTx(api)) === 0);
      const tails = await within(
        20_000,
        'stalled connections cut by the server',
        Promise.all(started.concat(third!).map((s) => s.readToClose())),
      );
      for (const tail of tails.value) expect(tail.endsWith(']\r\n0\r\n\r\n')).toBe(false);
      const after = await within(
        20_000,
        'an export after the release',
        api.app.inject({ url: '/api/v1/exports/contacts?format=json', headers: big.headers }),
      );
      expect(after.value.statusCode).toBe(200);
      expect(after.value.json<unknown[]>()).toHaveLength(CONTACTS);
      const audit = await api.app.inject({
        url: '/api/v1/audit?entityType=Export&pageSize=10',
        headers: big.headers,
      });
      const trail = audit.json<{ data: Array<{ afterJson: Record<string, unknown> }> }>().data;
      // Newest first: the full export, then both cut-short ones, audited as such with the rows sent.
      expect(trail).toHaveLength(3);
      expect(trail[0]!.afterJson).toMatchObject({ rows: CONTACTS });
      expect(trail[0]!.afterJson.aborted).toBeUndefined();
      for (const cut of trail.slice(1)) {
        expect(cut.afterJson).toMatchObject({ aborted: true });
        expect(cut.afterJson.rows).toBeLessThan(CONTACTS);
      }
    } finally {
      await api.close();
    }
  }, 120_000);

  it('a client closing mid-stream releases its connection at once, long before the write timeout', async () => {
    const api = await listeningApi({ EXPORT_CONCURRENCY_PER_ORG: '2', EXPORT_WRITE_TIMEOUT_MS: '60000' });
    try {
      const big = await login(api.app, `admin@${orgs.big}.test`, orgs.big);
      for (const path of ['/api/v1/exports/contacts?format=json', '/api/v1/exports/contacts?format=csv']) {
        const streams = await Promise.all([
          rawExport(api.port, big.token, path),
          rawExport(api.port, big.token, path),
        ]);
        expect(streams.map((s) => s.status)).toEqual([200, 200]);
        await until('two stalled exports', 10_000, async () => (await idleInTx(api)) === 2);
        const closedAt = performance.now();
        for (const s of streams) s.socket.destroy();
        await until('released after the close', 3000, async () => (await idleInTx(api)) === 0);
        expect(performance.now() - closedAt).toBeLessThan(3000);
        // The slots are free again: a full export runs.
        const again = await within(
          20_000,
          'export after close',
          api.app.inject({ url: path, headers: big.headers }),
        );
        expect(again.value.statusCode).toBe(200);
      }
    } finally {
      await api.close();
    }
  }, 120_000);
});

describe('statement timeouts (issue 15, item 3)', () => {
  it("the database's idle-in-transaction backstop ends a stalled export's transaction by itself", async () => {
    const api = await listeningApi({
      EXPORT_WRITE_TIMEOUT_MS: '60000',
      EXPORT_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1500',
    });
    try {
      const big = await login(api.app, `admin@${orgs.big}.test`, orgs.big);
      const stream = await rawExport(api.port, big.token);
      expect(stream.status).toBe(200);
      // Stalled (the write timeout is a minute away), yet PostgreSQL ends the session at 1.5 s.
      await until('the stalled export seen', 10_000, async () => (await idleInTx(api)) === 1);
      const seen = performance.now();
      await until('ended by the database', 5000, async () => (await idleInTx(api)) === 0);
      expect(performance.now() - seen).toBeLessThan(5000);
      stream.socket.destroy();
    } finally {
      await api.close();
    }
  }, 60_000);

  it('a request stuck behind a lock ends at DB_STATEMENT_TIMEOUT_MS with a 503 problem and Retry-After', async () => {
    const api = await listeningApi({ DB_STATEMENT_TIMEOUT_MS: '1000' });
    const locker = new pg.Client({ connectionString: inject('ownerUrl') });
    await locker.connect();
    try {
      const bystander = await login(api.app, `admin@${orgs.bystander}.test`, orgs.bystander);
      const created = await api.app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: bystander.headers,
        payload: {
          firstName: 'Verrou',
          lastName: randomUUID().slice(0, 8),
          email: `${randomUUID()}@example.test`,
        },
      });
      expect(created.statusCode, created.body).toBe(201);
      const contact = created.json<{ id: string; version: number }>();
      await locker.query('begin');
      await locker.query(`select set_config('app.org_id', $1, true)`, [bystander.user.orgId]);
      const locked = await locker.query('select id from contact where id = $1 for update', [contact.id]);
      expect(locked.rowCount).toBe(1);
      const edit = await within(
        5000,
        'an edit waiting on a row lock',
        api.app.inject({
          method: 'PATCH',
          url: `/api/v1/contacts/${contact.id}`,
          headers: bystander.headers,
          payload: { version: contact.version, firstName: 'Bloqué' },
        }),
      );
      expect(edit.value.statusCode, edit.value.body).toBe(503);
      expect(edit.value.headers['content-type']).toContain('application/problem+json');
      expect(edit.value.headers['retry-after']).toMatch(/^\d+$/);
      expect(edit.ms).toBeGreaterThanOrEqual(900);
    } finally {
      await locker.query('rollback').catch(() => undefined);
      await locker.end();
      await api.close();
    }
  }, 60_000);
});
