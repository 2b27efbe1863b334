// A worker in its own process, so a test can SIGKILL it mid-flight and start another.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { channelsFromEnv } from '../../activities/channels/index.js';
import { loadEnv } from '../../config/env.js';
import { createOrm } from '../../db/orm.js';
import { STAND_IN } from './stand-ins.js';
import { createWorker } from '../../worker/create-worker.js';

Runtime.install({ logger: new DefaultLogger('ERROR') });
const orm = await createOrm(process.env.ATLAS_APP_DB_URL!, 10);
const { worker } = await createWorker({
  address: process.env.ATLAS_TEMPORAL_ADDRESS!,
  namespace: 'default',
  taskQueue: process.env.ATLAS_TASK_QUEUE!,
  // With a stand-in URL, the channels send to it (SMS), as the suite's own worker does.
  deps: {
    orm,
    channels: process.env.ATLAS_STAND_IN_URL
      ? channelsFromEnv(
          loadEnv({
            NODE_ENV: 'test',
            SMS_API_BASE_URL: process.env.ATLAS_STAND_IN_URL,
            SMS_ACCOUNT_SID: STAND_IN.accountSid,
            SMS_AUTH_TOKEN: STAND_IN.authToken,
            SMS_FROM: STAND_IN.smsFrom,
            CHANNEL_TIMEOUT_MS: '5000',
          }),
        )
      : {},
  },
});
const running = worker.run();
console.log('worker ready');
await running;
await orm.close(true);
