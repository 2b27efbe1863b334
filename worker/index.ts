import { Client, Connection } from '@temporalio/client';
import { loadEnv } from '../config/env.js';
import { withDevSecrets } from '../config/dev-secrets.js';
import { appDatabaseUrl } from '../db/migrate.js';
import { channelsFromEnv } from '../activities/channels/index.js';
import { createOrm } from '../db/orm.js';
import { createWorker } from './create-worker.js';
import { installWorkerRuntime } from './runtime.js';
import { ensureSchedules } from './schedules.js';

/** Production worker process: same env schema as the API. */
const env = withDevSecrets(loadEnv());
installWorkerRuntime({ metricsAddress: env.WORKER_METRICS_ADDRESS, logLevel: 'INFO' });
const ownerUrl = env.DATABASE_URL;
const appUrl =
  env.DATABASE_APP_URL ??
  (ownerUrl ? appDatabaseUrl(ownerUrl, { user: env.APP_DB_USER, password: env.APP_DB_PASSWORD }) : undefined);
if (!appUrl) throw new Error('DATABASE_URL or DATABASE_APP_URL is required.');
const orm = await createOrm(appUrl, env.DATABASE_POOL_MAX);
const { worker, connection } = await createWorker({
  address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  namespace: env.TEMPORAL_NAMESPACE,
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  deps: { orm, channels: channelsFromEnv(env) },
  maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
});
// The daily jobs are Temporal Schedules; (re)declaring them at start keeps their specs current.
const scheduleConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
await ensureSchedules(new Client({ connection: scheduleConnection, namespace: env.TEMPORAL_NAMESPACE }), {
  taskQueue: env.TEMPORAL_TASK_QUEUE,
  followUpIntervalSeconds: env.FOLLOW_UP_REMINDER_INTERVAL_SECONDS,
});
await scheduleConnection.close();
// The SDK's runtime shuts the worker down gracefully on SIGINT/SIGTERM.
await worker.run();
await connection.close();
await orm.close();
