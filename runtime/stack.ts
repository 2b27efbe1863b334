import path from 'node:path';
import type { Env } from '../config/env.js';
import { appDatabaseUrl, migrate } from '../db/migrate.js';
import { startEmbeddedPostgres } from './postgres.js';
import { runningChild, supervise } from './supervisor.js';
import { startTemporalPgServer } from './temporal-pg-server.js';
import { startTemporalUiServer } from './temporal-ui-server.js';
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

/**
 * DATABASE_URL when given, else the embedded PostgreSQL under DATA_DIR, restarted on the same data
 * and port whenever it dies (issue 15); migrated and ready.
 */
export async function ensureDatabase(env: Env, log: (m: string) => void): Promise<DatabaseHandle> {
  let ownerUrl = env.DATABASE_URL;
  let stop = async () => {};
  const embedded = !ownerUrl;
  if (!ownerUrl) {
    log('starting embedded PostgreSQL (no DATABASE_URL given)…');
    const pg = await startEmbeddedPostgres({ dataDir: path.resolve(env.DATA_DIR, 'postgres') });
    ownerUrl = pg.url;
    log(`embedded PostgreSQL listens on port ${new URL(pg.url).port}`);
    let first = true;
    const supervised = await supervise({
      name: 'PostgreSQL',
      log,
      start: async () => {
        if (!first) await pg.restart();
        first = false;
        const server = pg.server();
        if (!server) throw new Error('embedded PostgreSQL did not start');
        return runningChild(server, pg.stop);
      },
    });
    stop = supervised.stop;
  }
  const role = { user: env.APP_DB_USER, password: env.APP_DB_PASSWORD };
  await migrate(ownerUrl, role, log);
  return { ownerUrl, appUrl: env.DATABASE_APP_URL ?? appDatabaseUrl(ownerUrl, role), embedded, stop };
}

/**
 * TEMPORAL_ADDRESS when given, else `temporal server start-dev` persisted under DATA_DIR, restarted
 * whenever it dies (issue 15: it used to stay down, and the stack "degraded", for good).
 */
export async function ensureTemporal(
  env: Env,
  log: (m: string) => void,
  databaseUrl?: string,
): Promise<TemporalHandle> {
  if (env.TEMPORAL_ADDRESS) {
    return {
      address: env.TEMPORAL_ADDRESS,
      uiUrl: env.TEMPORAL_UI_URL,
      embedded: false,
      stop: async () => {},
    };
  }
  if (env.TEMPORAL_MODE === 'server') return ensureTemporalPgServer(env, log, databaseUrl);
  log('starting the Temporal dev server (no TEMPORAL_ADDRESS given)…');
  const start = () =>
    startTemporalDevServer({
      port: env.TEMPORAL_DEV_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      dbFile: path.resolve(env.DATA_DIR, 'temporal.db'),
      namespace: env.TEMPORAL_NAMESPACE,
    });
  const first = await start();
  let next: typeof first | undefined = first;
  const supervised = await supervise({
    name: 'Temporal dev server',
    log,
    start: async () => {
      const server = next ?? (await start());
      next = undefined;
      return runningChild(server.process, server.stop);
    },
  });
  return { address: first.address, uiUrl: first.uiUrl, embedded: true, stop: supervised.stop };
}

/**
 * TEMPORAL_MODE=server: the real Temporal server (PostgreSQL persistence and visibility) on the same
 * PostgreSQL as Atlas, restarted whenever it dies like the dev server, with the Temporal Web UI (the UI
 * server the dev server embeds, built once per machine) on TEMPORAL_UI_PORT, supervised alike.
 */
async function ensureTemporalPgServer(
  env: Env,
  log: (m: string) => void,
  databaseUrl: string | undefined,
): Promise<TemporalHandle> {
  if (!databaseUrl) throw new Error('TEMPORAL_MODE=server needs the PostgreSQL connection');
  log('starting the Temporal server on PostgreSQL (TEMPORAL_MODE=server)…');
  const start = () =>
    startTemporalPgServer({
      databaseUrl,
      port: env.TEMPORAL_DEV_PORT,
      dataDir: path.resolve(env.DATA_DIR, 'temporal-server'),
      namespace: env.TEMPORAL_NAMESPACE,
    });
  const first = await start();
  let next: typeof first | undefined = first;
  const supervised = await supervise({
    name: 'Temporal server',
    log,
    start: async () => {
      const server = next ?? (await start());
      next = undefined;
      return runningChild(server.process, server.stop);
    },
  });
  log(`Temporal server ${first.version} on ${first.persistence} at ${first.address}`);
  const startUi = () =>
    startTemporalUiServer({
      temporalAddress: first.address,
      port: env.TEMPORAL_UI_PORT,
      dataDir: path.resolve(env.DATA_DIR, 'temporal-server'),
      namespace: env.TEMPORAL_NAMESPACE,
    });
  // The UI is for ops: when it cannot start (port taken, no Go to build it) the engine runs without it.
  let ui: Awaited<ReturnType<typeof supervise>> | undefined;
  try {
    ui = await supervise({
      name: 'Temporal UI server',
      log,
      start: async () => {
        const started = await startUi();
        return runningChild(started.process, started.stop);
      },
    });
    log(`Temporal Web UI at http://localhost:${env.TEMPORAL_UI_PORT}`);
  } catch (err) {
    log(
      `the Temporal Web UI did not start (${err instanceof Error ? err.message : String(err)}); going on without it`,
    );
  }
  return {
    address: first.address,
    uiUrl: ui ? `http://localhost:${env.TEMPORAL_UI_PORT}` : undefined,
    embedded: true,
    stop: async () => {
      await ui?.stop();
      await supervised.stop();
    },
  };
}
