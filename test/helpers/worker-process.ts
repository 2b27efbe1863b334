// A worker in its own process, so a test can SIGKILL it mid-flight and start another.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createOrm } from '../../db/orm.js';
import { createWorker } from '../../worker/create-worker.js';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const orm = await createOrm(process.env.ATLAS_APP_DB_URL!, 10);
const { worker } = await createWorker({
  address: process.env.ATLAS_TEMPORAL_ADDRESS!,
  namespace: 'default',
  taskQueue: process.env.ATLAS_TASK_QUEUE!,
  deps: { orm },
});
const running = worker.run();
console.log('worker ready');
await running;
await orm.close(true);
