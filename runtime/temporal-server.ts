import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureTemporalCli } from './temporal-cli.js';
import { SEARCH_ATTRIBUTES, waitForTemporal } from './temporal-admin.js';

export { SEARCH_ATTRIBUTES } from './temporal-admin.js';

export interface TemporalDevServerHandle {
  address: string;
  uiUrl: string | undefined;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `temporal server start-dev` as a child process. With `dbFile` the state survives restarts
 * (npm start); without it the server is in-memory (tests).
 */
export async function startTemporalDevServer(opts: {
  port: number;
  uiPort?: number;
  headless?: boolean;
  dbFile?: string;
  namespace?: string;
  log?: (line: string) => void;
}): Promise<TemporalDevServerHandle> {
  const bin = await ensureTemporalCli(opts.log);
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--log-level',
    'warn',
  ];
  args.push('--namespace', opts.namespace ?? 'default');
  if (opts.dbFile) {
    mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  if (opts.headless) args.push('--headless');
  else if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  for (const name of SEARCH_ATTRIBUTES) args.push('--search-attribute', `${name}=Keyword`);
  // One task-queue partition: with the default four, a single worker's polls are forwarded between
  // partitions and every task waits tens of milliseconds (measured: ~150 ms per activity round trip).
  // Eager activities: an activity scheduled on the worker's own queue comes back in the workflow task
  // completion response instead of a second round trip through matching.
  for (const setting of [
    'matching.numTaskqueueReadPartitions=1',
    'matching.numTaskqueueWritePartitions=1',
    'system.enableActivityEagerExecution=true',
  ]) {
    args.push('--dynamic-config-value', setting);
  }
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  const forward = (chunk: Buffer) => opts.log?.(chunk.toString());
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitForTemporal(address, 60_000, child);
  } catch (err) {
    child.kill('SIGKILL'); // a server that never became ready must not stay behind, listening
    throw err;
  }
  return {
    address,
    uiUrl: opts.headless ? undefined : `http://localhost:${opts.uiPort ?? opts.port + 1000}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
