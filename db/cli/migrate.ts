import { loadEnv } from '../../config/env.js';
import { migrate } from '../migrate.js';

const env = loadEnv();
if (!env.DATABASE_URL)
  throw new Error('DATABASE_URL is required (npm start runs migrations on the embedded PostgreSQL itself).');
await migrate(env.DATABASE_URL, { user: env.APP_DB_USER, password: env.APP_DB_PASSWORD }, (m) =>
  console.log(m),
);
console.log('migrations up to date');
