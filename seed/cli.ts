import { Client, Connection } from '@temporalio/client';
import { loadEnv } from '../config/env.js';
import { seedDemoBusinessData } from './demo-data.js';
import { createOrm } from '../db/orm.js';
import { seedDemo } from './demo-orgs.js';

const env = loadEnv();
if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required.');
if (env.NODE_ENV === 'production' && !env.SEED_DEMO) {
  throw new Error('Refusing to load demo data in production; set SEED_DEMO=true to insist.');
}
const orm = await createOrm(env.DATABASE_URL, 4);
await seedDemo(orm, env.DEMO_PASSWORD);
await orm.close(true);
console.log('demo seed applied');
// Business data starts a workflow per open dossier: only with a reachable Temporal (TEMPORAL_ADDRESS).
if (env.TEMPORAL_ADDRESS) {
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  await seedDemoBusinessData({
    ownerUrl: env.DATABASE_URL,
    temporal,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    log: (m) => console.log(m),
  });
  await connection.close();
} else {
  console.log('TEMPORAL_ADDRESS unset: demo business data skipped (npm start seeds it)');
}
