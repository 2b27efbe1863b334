// A worker in its own process, so a test can SIGKILL it mid-flight and start another.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { channelsFromEnv } from '../../activities/channels/index.js';
import { loadEnv } from '../../config/env.js';
import { createOrm } from '../../db/orm.js';
import { standInChannelEnv } from './stand-ins.js';
import { createWorker } from '../../worker/create-worker.js';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const orm = await createOrm(process.env.ATLAS_APP_DB_URL!, 10);
const { worker } = await createWorker({
  address: process.env.ATLAS_TEMPORAL_ADDRESS!,
  namespace: 'default',
  taskQueue: process.env.ATLAS_TASK_QUEUE!,
  ...(process.env.ATLAS_MAX_CACHED_WORKFLOWS
    ? { maxCachedWorkflows: Number(process.env.ATLAS_MAX_CACHED_WORKFLOWS) }
    : {}),
  // With a stand-in URL, the channels send to it (SMS), as the suite's own worker does.
  deps: {
    orm,
    channels: process.env.ATLAS_STAND_IN_URL
      ? channelsFromEnv(loadEnv(standInChannelEnv(process.env.ATLAS_STAND_IN_URL)))
      : undefined,
  },
});
const running = worker.run();
console.log('worker ready');
await running;
await orm.close(true);
