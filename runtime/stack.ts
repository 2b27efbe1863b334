import path from 'node:path';
import type { Env } from '../config/env.js';
import { appDatabaseUrl, migrate } from '../db/migrate.js';
import { startEmbeddedPostgres } from './postgres.js';
import { startTemporalDevServer } from './temporal-server.js';

export interface DatabaseHandle {
  ownerUrl: string;
  appUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface TemporalHandle {
  address: string;
  uiUrl: string | undefined;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when given, else the embedded PostgreSQL under DATA_DIR; migrated and ready. */
export async function ensureDatabase(env: Env, log: (m: string) => void): Promise<DatabaseHandle> {
  let ownerUrl = env.DATABASE_URL;
  let stop = async () => {};
  const embedded = !ownerUrl;
  if (!ownerUrl) {
    log('starting embedded PostgreSQL (no DATABASE_URL given)…');
    const pg = await startEmbeddedPostgres({ dataDir: path.resolve(env.DATA_DIR, 'postgres') });
    ownerUrl = pg.url;
    stop = pg.stop;
  }
  const role = { user: env.APP_DB_USER, password: env.APP_DB_PASSWORD };
  await migrate(ownerUrl, role, log);
  return { ownerUrl, appUrl: env.DATABASE_APP_URL ?? appDatabaseUrl(ownerUrl, role), embedded, stop };
}

/** TEMPORAL_ADDRESS when given, else `temporal server start-dev` persisted under DATA_DIR. */
export async function ensureTemporal(env: Env, log: (m: string) => void): Promise<TemporalHandle> {
  if (env.TEMPORAL_ADDRESS) {
    return {
      address: env.TEMPORAL_ADDRESS,
      uiUrl: env.TEMPORAL_UI_URL,
      embedded: false,
      stop: async () => {},
    };
  }
  log('starting the Temporal dev server (no TEMPORAL_ADDRESS given)…');
  const server = await startTemporalDevServer({
    port: env.TEMPORAL_DEV_PORT,
    uiPort: env.TEMPORAL_UI_PORT,
    dbFile: path.resolve(env.DATA_DIR, 'temporal.db'),
    namespace: env.TEMPORAL_NAMESPACE,
  });
  return { address: server.address, uiUrl: server.uiUrl, embedded: true, stop: server.stop };
}
