/**
 * The worker and the API of `npm start`, in one child process that scripts/start.ts supervises
 * (restarted when it dies). The supervisor gives it the database and Temporal it started through
 * DATABASE_URL, DATABASE_APP_URL and TEMPORAL_ADDRESS, and is told over IPC when it listens.
 */
import { Client, Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { channelsFromEnv } from '../activities/channels/index.js';
import atlasApp from '../api/app.js';
import { fastifyOptions } from '../api/fastify-options.js';
import { withDevSecrets } from '../config/dev-secrets.js';
import { loadEnv } from '../config/env.js';
import { seedDemoBusinessData } from '../seed/demo-data.js';
import { apiSessionSettings, createOrm } from '../db/orm.js';
import { createWorker } from '../worker/create-worker.js';
import { installWorkerRuntime } from '../worker/runtime.js';
import { ensureSchedules } from '../worker/schedules.js';

const log = (m: string) => console.log(`[atlas] ${m}`);
const env = withDevSecrets(loadEnv());
const temporalAddress = env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
// We stop the worker ourselves, in order (the SDK would re-raise the signal after its own shutdown).
installWorkerRuntime({ shutdownSignals: [], metricsAddress: env.WORKER_METRICS_ADDRESS });
const stops: Array<() => Promise<unknown>> = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(0));
// The supervisor is gone (even killed): do not outlive it.
process.once('disconnect', () => void shutdown(0));

try {
  // One pool for the worker and the API here, with the API's statement timeouts.
  const orm = await createOrm(env.DATABASE_APP_URL!, env.DATABASE_POOL_MAX, apiSessionSettings(env));
  stops.push(() => orm.close());
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  // The API first: it needs only the database and Temporal, and answers while the worker starts.
  const app = Fastify(fastifyOptions(env, { level: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL }));
  await app.register(atlasApp, { env, orm, temporal });
  await app.listen({ port: env.PORT, host: env.HOST });
  stops.push(async () => {
    await app.close();
    await connection.close();
  });
  const { worker, connection: workerConnection } = await createWorker({
    address: temporalAddress,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    deps: { orm, channels: channelsFromEnv(env) },
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    workflowBundlePath: env.WORKER_WORKFLOW_BUNDLE,
  });
  // A worker that fails for good ends this process; the supervisor starts a fresh one.
  const workerRun = worker.run().then(
    () => (stopping ? undefined : shutdown(1)),
    (err: unknown) => {
      console.error('[atlas] the worker failed:', err);
      return shutdown(1);
    },
  );
  stops.push(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
    await workerConnection.close();
  });

  await ensureSchedules(temporal, {
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    followUpIntervalSeconds: env.FOLLOW_UP_REMINDER_INTERVAL_SECONDS,
  });
  // Business data needs Temporal (each open dossier gets its workflow), hence after the worker.
  if ((env.SEED_DEMO ?? env.NODE_ENV !== 'production') && env.DATABASE_URL) {
    await seedDemoBusinessData({
      ownerUrl: env.DATABASE_URL,
      temporal,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      log,
    });
  }
  log(`API and worker ready after ${process.uptime().toFixed(1)} s`);
  process.send?.({ ready: true });
} catch (err) {
  console.error(err);
  await shutdown(1);
}
