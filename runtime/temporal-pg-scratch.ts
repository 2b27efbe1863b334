/**
 * A throwaway real Temporal server (the suite's with TEMPORAL_MODE=server, the bench's): its own two
 * databases on a PostgreSQL server and its own config folder, all removed by `dispose()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './postgres.js';
import { startTemporalPgServer, type TemporalPgServerHandle } from './temporal-pg-server.js';

export interface ScratchTemporalPgServer extends TemporalPgServerHandle {
  /** Owner connection to the server's own (history) database. */
  databaseUrl: string;
  /** Stops the server, drops its databases and removes its config folder. */
  dispose(): Promise<void>;
}

export async function startScratchTemporalPgServer(
  serverUrl: string,
  name: string,
): Promise<ScratchTemporalPgServer> {
  const prefix = `temporal_${name}_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `atlas-${name}-temporal-`));
  const server = await startTemporalPgServer({
    databaseUrl: serverUrl,
    port: await freePort(),
    dataDir,
    databasePrefix: prefix,
  });
  return {
    ...server,
    databaseUrl: Object.assign(new URL(serverUrl), { pathname: `/${prefix}` }).toString(),
    dispose: async () => {
      await server.stop();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      for (const db of [prefix, `${prefix}_visibility`])
        await c.query(`drop database if exists "${db}" with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
