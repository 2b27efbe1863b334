import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { appDatabaseUrl, migrate } from '../db/migrate.js';
import { createOrm, withTenant } from '../db/orm.js';
import { saveWhatsAppConfig } from '../db/channel-config.js';
import { parseEncryptionKey } from '../config/secret-box.js';
import { seedDemo } from '../seed/demo-orgs.js';
import { freePort, startEmbeddedPostgres } from '../runtime/postgres.js';
import { startScratchTemporalPgServer } from '../runtime/temporal-pg-scratch.js';
import { startTemporalDevServer } from '../runtime/temporal-server.js';
import { channelsFromEnv } from '../activities/channels/index.js';
import { loadEnv } from '../config/env.js';
import { createWorker } from '../worker/create-worker.js';
import { installWorkerRuntime } from '../worker/runtime.js';
import { TEST_APP_ROLE, TEST_CONFIG_KEY, TEST_PASSWORD, TEST_TASK_QUEUE } from './helpers/constants.js';
import { standInChannelEnv, standInWhatsAppSettings, startStandIns } from './helpers/stand-ins.js';

declare module 'vitest' {
  export interface ProvidedContext {
    ownerUrl: string;
    appUrl: string;
    temporalAddress: string;
    /** With TEMPORAL_MODE=server: the connection to the Temporal server's own database (else empty). */
    temporalDatabaseUrl: string;
    standInUrl: string;
    workerMetricsUrl: string;
  }
}

/**
 * The suite's Temporal: an in-memory dev server, or with TEMPORAL_MODE=server the real server on
 * PostgreSQL (its own two databases on the suite's PostgreSQL server, dropped afterwards).
 */
async function startSuiteTemporal(serverUrl: string, cleanups: Array<() => Promise<unknown>>) {
  if (process.env.TEMPORAL_MODE !== 'server') {
    const dev = await startTemporalDevServer({ port: await freePort(), headless: true });
    cleanups.unshift(dev.stop);
    return { ...dev, databaseUrl: '' };
  }
  const server = await startScratchTemporalPgServer(serverUrl, 'test');
  cleanups.unshift(server.dispose);
  return server;
}

/**
 * The real stack for the whole suite: a fresh database (on DATABASE_URL's server, else an embedded
 * PostgreSQL), migrated and seeded; an in-memory Temporal dev server; one worker polling it.
 */
async function startSuiteStack(project: TestProject) {
  const workerMetricsPort = await freePort();
  installWorkerRuntime({ metricsAddress: `127.0.0.1:${workerMetricsPort}` });
  project.provide('workerMetricsUrl', `http://127.0.0.1:${workerMetricsPort}/metrics`);
  const cleanups: Array<() => Promise<unknown>> = [];
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-test-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir: dir,
      port: await freePort(),
      database: 'postgres',
      persistent: false,
    });
    serverUrl = embedded.url;
    cleanups.push(async () => {
      await embedded.stop();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  const dbName = `atlas_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  const ownerUrlObj = new URL(serverUrl);
  ownerUrlObj.pathname = `/${dbName}`;
  const ownerUrl = ownerUrlObj.toString();
  cleanups.unshift(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`drop database if exists "${dbName}" with (force)`);
    await c.end();
  });

  await migrate(ownerUrl, TEST_APP_ROLE);
  const ownerOrm = await createOrm(ownerUrl, 4);
  await seedDemo(ownerOrm, TEST_PASSWORD);
  // The demo organisation sends on its own WhatsApp number (the stand-in's), as its admin would set it.
  const [demo] = await ownerOrm.em
    .fork()
    .execute<{ id: string }[]>(`select id from organization where slug = 'demo'`);
  await withTenant(ownerOrm, { orgId: demo!.id }, (em) =>
    saveWhatsAppConfig(em, { orgId: demo!.id }, parseEncryptionKey(TEST_CONFIG_KEY), standInWhatsAppSettings),
  );
  await ownerOrm.close(true);
  const appUrl = appDatabaseUrl(ownerUrl, TEST_APP_ROLE);

  const temporal = await startSuiteTemporal(serverUrl, cleanups);
  // The worker's channels talk to local stand-ins of the SMTP relay, Twilio and the WhatsApp Cloud API.
  const standIns = await startStandIns();
  cleanups.unshift(standIns.close);
  const channels = channelsFromEnv(loadEnv(standInChannelEnv(standIns.httpUrl, standIns.smtpPort)));
  const workerOrm = await createOrm(appUrl, 10);
  const { worker } = await createWorker({
    address: temporal.address,
    namespace: 'default',
    taskQueue: TEST_TASK_QUEUE,
    deps: { orm: workerOrm, channels },
  });
  // Not shut down in the teardown: a graceful worker shutdown there resets vitest's exit status to 0,
  // so a failing suite would pass CI. The process ends right after; the database is dropped with force
  // and the Temporal server stopped, which is all the cleanup the worker needs.
  worker.run().catch(() => undefined); // it stops when the Temporal server does

  project.provide('ownerUrl', ownerUrl);
  project.provide('appUrl', appUrl);
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalDatabaseUrl', temporal.databaseUrl);
  project.provide('standInUrl', standIns.httpUrl);

  return async () => {
    for (const cleanup of cleanups) await cleanup().catch((err: unknown) => console.error('teardown:', err));
  };
}

type Provided = Parameters<TestProject['provide']>;
interface SharedStack {
  provided: Provided[];
  users: number;
  teardown: () => Promise<void>;
}
const shared = globalThis as { __atlasSuiteStack?: Promise<SharedStack> };

/**
 * The config's projects (API files two at a time, then browser files one at a time) each run this
 * setup in the one vitest process: the first starts the stack, the others share it, the last stops it.
 */
export default async function setup(project: TestProject) {
  shared.__atlasSuiteStack ??= (async () => {
    const provided: Provided[] = [];
    const recorder = { provide: (...args: Provided) => void provided.push(args) } as unknown as TestProject;
    const teardown = await startSuiteStack(recorder);
    return { provided, users: 0, teardown };
  })();
  const stack = await shared.__atlasSuiteStack;
  stack.users++;
  for (const args of stack.provided) project.provide(...args);
  return async () => {
    if (--stack.users === 0) await stack.teardown();
  };
}
