/**
 * The stack `npm run bench` and `npm run soak` measure: DATABASE_URL's server (or an embedded
 * PostgreSQL) with a fresh database, migrated and seeded; a local Temporal (the dev server, or the real
 * server on PostgreSQL, or a given address); stand-ins of
 * the providers; the worker (in this process, or in a child process so its memory is its own); the
 * API listening on a free port. `cleanups` undo it all, in order.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import Fastify from 'fastify';
import pg from 'pg';
import { channelsFromEnv } from '../activities/channels/index.js';
import atlasApp from '../api/app.js';
import { fastifyOptions } from '../api/fastify-options.js';
import { loadEnv } from '../config/env.js';
import { appDatabaseUrl, migrate } from '../db/migrate.js';
import { createOrm, type Orm } from '../db/orm.js';
import { seedDemo } from '../seed/demo-orgs.js';
import { freePort, startEmbeddedPostgres } from '../runtime/postgres.js';
import { serverVersion } from '../runtime/temporal-admin.js';
import { startScratchTemporalPgServer } from '../runtime/temporal-pg-scratch.js';
import { startTemporalDevServer } from '../runtime/temporal-server.js';
import { TEST_JWT_SECRET } from '../test/helpers/constants.js';
import { spawnWorkerProcess } from '../test/helpers/spawn-worker.js';
import { standInChannelEnv, startStandIns, type StandIns } from '../test/helpers/stand-ins.js';
import { createWorker } from '../worker/create-worker.js';

export const BENCH_PASSWORD = 'demo1234';
const TASK_QUEUE = 'atlas-bench';
const ROLE = { user: 'atlas_app', password: 'atlas_app_dev' };

export interface BenchStack {
  base: string;
  ownerUrl: string;
  orm: Orm;
  temporal: Client;
  temporalInfo: TemporalInfo;
  standIns: StandIns;
  /** The worker's process when it runs in a child (`workerProcess: true`). */
  workerChild: ChildProcess | null;
  cleanups: Array<() => Promise<unknown>>;
}

async function createDatabase(log: (m: string) => void, cleanups: BenchStack['cleanups']) {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir: dir,
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    serverUrl = embedded.url;
    cleanups.push(embedded.stop);
  }
  const dbName = `atlas_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  cleanups.unshift(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists "${dbName}" with (force)`);
    await c.end();
  });
  const ownerUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
  log('migrating and seeding…');
  await migrate(ownerUrl, ROLE);
  const ownerOrm = await createOrm(ownerUrl, 4);
  await seedDemo(ownerOrm, BENCH_PASSWORD);
  await ownerOrm.close(true);
  return { ownerUrl, serverUrl };
}

/** Which Temporal the bench measures against (`--temporal dev|server`, `--temporal-address HOST:PORT`). */
export type BenchTemporal = { kind: 'dev' } | { kind: 'server' } | { kind: 'address'; address: string };

export interface TemporalInfo {
  kind: 'dev' | 'server';
  address: string;
  version: string;
  persistence: string;
}

async function startTemporal(
  which: BenchTemporal,
  serverUrl: string,
  cleanups: BenchStack['cleanups'],
  log: (m: string) => void,
): Promise<TemporalInfo> {
  if (which.kind === 'address') {
    return {
      kind: 'server',
      address: which.address,
      version: await serverVersion(which.address),
      persistence: 'as deployed',
    };
  }
  if (which.kind === 'server') {
    log('starting the Temporal server on PostgreSQL…');
    const server = await startScratchTemporalPgServer(serverUrl, 'bench');
    cleanups.unshift(server.dispose);
    return {
      kind: 'server',
      address: server.address,
      version: server.version,
      persistence: server.persistence,
    };
  }
  log('starting the Temporal dev server…');
  const dev = await startTemporalDevServer({ port: await freePort(), headless: true });
  cleanups.unshift(dev.stop);
  return {
    kind: 'dev',
    address: dev.address,
    version: await serverVersion(dev.address),
    persistence: 'sqlite (in-memory)',
  };
}

export async function startBenchStack(opts: {
  log: (m: string) => void;
  workerProcess?: boolean;
  maxCachedWorkflows?: number;
  temporal?: BenchTemporal;
}): Promise<BenchStack> {
  const { log } = opts;
  const cleanups: BenchStack['cleanups'] = [];
  const { ownerUrl, serverUrl } = await createDatabase(log, cleanups);
  const temporalServer = await startTemporal(opts.temporal ?? { kind: 'dev' }, serverUrl, cleanups, log);
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    DATABASE_POOL_MAX: '30',
  });
  // Providers are local stand-ins speaking their protocols (what is measured is our side of the wire).
  const standIns = await startStandIns();
  cleanups.unshift(standIns.close);
  const appUrl = appDatabaseUrl(ownerUrl, ROLE);
  const orm = await createOrm(appUrl, 30);
  cleanups.unshift(() => orm.close(true));
  let workerChild: ChildProcess | null = null;
  if (opts.workerProcess) {
    const child = await spawnWorkerProcess({
      appUrl,
      temporalAddress: temporalServer.address,
      taskQueue: TASK_QUEUE,
      standInUrl: standIns.httpUrl,
      ...(opts.maxCachedWorkflows ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    });
    workerChild = child;
    cleanups.unshift(async () => child.kill('SIGTERM'));
  } else {
    const channels = channelsFromEnv(loadEnv(standInChannelEnv(standIns.httpUrl, standIns.smtpPort)));
    const { worker, connection } = await createWorker({
      address: temporalServer.address,
      namespace: 'default',
      taskQueue: TASK_QUEUE,
      deps: { orm, channels },
    });
    const running = worker.run();
    cleanups.unshift(async () => {
      worker.shutdown();
      await running;
      await connection.close();
    });
  }
  const connection = await Connection.connect({ address: temporalServer.address });
  const temporal = new Client({ connection, namespace: 'default' });
  const app = Fastify(fastifyOptions(env, false));
  await app.register(atlasApp, { env, orm, temporal });
  await app.listen({ port: 0, host: '127.0.0.1' });
  cleanups.unshift(async () => {
    await app.close();
    await connection.close();
  });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { base, ownerUrl, orm, temporal, temporalInfo: temporalServer, standIns, workerChild, cleanups };
}
