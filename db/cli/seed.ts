import { loadEnv } from '../../config/env.js';
import { createOrm } from '../orm.js';
import { seedDemo } from '../seed.js';

const env = loadEnv();
if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required.');
if (env.NODE_ENV === 'production' && !env.SEED_DEMO) {
  throw new Error('Refusing to load demo data in production; set SEED_DEMO=true to insist.');
}
const orm = await createOrm(env.DATABASE_URL, 4);
await seedDemo(orm, env.DEMO_PASSWORD);
await orm.close(true);
console.log('demo seed applied');
