/**
 * `npm run bench [-- --quick] [-- --million] [-- --out report.json]`: builds the stack it needs (DATABASE_URL's
 * server or an embedded PostgreSQL, a local Temporal dev server), then measures the engine through
 * the real HTTP API and prints one JSON report plus a readable table.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import Fastify from 'fastify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import atlasApp from '../api/app.js';
import { fastifyOptions } from '../api/fastify-options.js';
import { loadEnv } from '../config/env.js';
import { appDatabaseUrl, migrate } from '../db/migrate.js';
import { createOrm } from '../db/orm.js';
import { seedDemo } from '../db/seed.js';
import { freePort, startEmbeddedPostgres } from '../runtime/postgres.js';
import { startTemporalDevServer } from '../runtime/temporal-server.js';
import { createWorker } from '../worker/create-worker.js';
import { standInChannelEnv, startStandIns } from '../test/helpers/stand-ins.js';
import { channelsFromEnv } from '../activities/channels/index.js';
import { apiScenarios } from './api-scenarios.js';
import { engagementScenarios } from './engagement-scenarios.js';
import { matchingScenarios } from './matching-scenarios.js';
import { readScenarios } from './read-scenarios.js';
import { scenarios } from './scenarios.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const million = args.includes('--million');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
// `--only engine|reads|engagement|matching|api`: one family of scenarios (iterating on one without the others' wait).
const onlyIndex = args.indexOf('--only');
const only: string | undefined = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
if (only !== undefined && !['engine', 'reads', 'engagement', 'matching', 'api'].includes(only))
  throw new Error('--only takes engine, reads, engagement, matching or api');
const log = (m: string) => console.error(`[bench] ${m}`);

Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
const cleanups: Array<() => Promise<unknown>> = [];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

try {
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
  const role = { user: 'atlas_app', password: 'atlas_app_dev' };
  log('migrating and seeding…');
  await migrate(ownerUrl, role);
  const ownerOrm = await createOrm(ownerUrl, 4);
  await seedDemo(ownerOrm, 'demo1234');
  await ownerOrm.close(true);

  log('starting the Temporal dev server…');
  const temporalServer = await startTemporalDevServer({ port: await freePort(), headless: true });
  cleanups.unshift(temporalServer.stop);
  const env = loadEnv({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TEMPORAL_TASK_QUEUE: 'atlas-bench',
    DATABASE_POOL_MAX: '30',
  });
  // Providers are local stand-ins speaking their protocols (what is measured is our side of the wire).
  const standIns = await startStandIns();
  cleanups.unshift(standIns.close);
  const channels = channelsFromEnv(loadEnv(standInChannelEnv(standIns.httpUrl, standIns.smtpPort)));
  const orm = await createOrm(appDatabaseUrl(ownerUrl, role), 30);
  cleanups.unshift(() => orm.close(true));
  const { worker, connection: workerConnection } = await createWorker({
    address: temporalServer.address,
    namespace: 'default',
    taskQueue: 'atlas-bench',
    deps: { orm, channels },
  });
  const running = worker.run();
  cleanups.unshift(async () => {
    worker.shutdown();
    await running;
    await workerConnection.close();
  });
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

  const results =
    only !== undefined && only !== 'engine'
      ? { scenarios: {}, targets: {} }
      : await scenarios({ base, orm, temporal, quick, log });
  const api = only === undefined || only === 'api' ? await apiScenarios({ base, quick, log }) : null;
  const engagement =
    only === undefined || only === 'engagement'
      ? await engagementScenarios({ base, standIns, quick, log })
      : { scenarios: {} };
  log('read scenarios over bulk-loaded data…');
  const benchOwnerOrm = await createOrm(ownerUrl, 4);
  cleanups.unshift(() => benchOwnerOrm.close(true));
  const ownerDb = new pg.Client({ connectionString: ownerUrl });
  await ownerDb.connect();
  cleanups.unshift(() => ownerDb.end());
  const read =
    only !== undefined && only !== 'reads'
      ? { sizes: {}, targets: {} }
      : await readScenarios({ base, ownerOrm: benchOwnerOrm, db: ownerDb, quick, million, log });
  const matching =
    only === undefined || only === 'matching'
      ? await matchingScenarios({ base, ownerOrm: benchOwnerOrm, db: ownerDb, quick, log })
      : { sizes: {}, targets: {} };
  const report = {
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: {
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    },
    database: process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL',
    temporal: 'temporal server start-dev (in-memory)',
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    ...results,
    api,
    engagement,
    read,
    matching,
    targets: { ...results.targets, ...read.targets, ...matching.targets },
  };
  if (out) writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  console.table(
    Object.fromEntries(
      Object.entries(results.scenarios).map(([name, s]) => [
        name,
        { n: s.n, errors: s.errors, p50: s.p50, p95: s.p95, p99: s.p99, 'per s': s.throughputPerSec ?? '' },
      ]),
    ),
  );
  console.table(
    Object.fromEntries(
      Object.entries(read.sizes).flatMap(([size, r]) => [
        ...Object.entries(r.scenarios).map(([name, s]) => [
          `${name} @${size}`,
          { n: s.n, errors: s.errors, p50: s.p50, p95: s.p95, p99: s.p99, 'per s': s.throughputPerSec ?? '' },
        ]),
        [
          `export @${size}`,
          { n: r.export.rows, errors: 0, p50: '', p95: '', p99: '', 'per s': r.export.rowsPerSec },
        ],
      ]),
    ),
  );
  if (api) console.table({ atlas: api.authenticatedReadById, bare: api.bareFastify });
  console.table(read.targets);
  console.table(matching.targets);
  console.table(
    Object.fromEntries(
      Object.entries(engagement.scenarios).map(([name, s]) => [
        name,
        { n: s.n, errors: s.errors, p50: s.p50, p95: s.p95, p99: s.p99 },
      ]),
    ),
  );
} finally {
  clearInterval(sampler);
  for (const cleanup of cleanups) await cleanup().catch((err: unknown) => log(`cleanup: ${String(err)}`));
}
