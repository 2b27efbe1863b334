import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../runtime/postgres.js';
import { TEST_PASSWORD, TEST_TASK_QUEUE } from './constants.js';

export interface ApiProcess {
  child: ChildProcess;
  /** The pid it started with: a restart would show as a different one. */
  pid: number;
  base: string;
  /** The last megabyte the process printed (pino JSON lines), for assertions and failure messages. */
  output(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

const OUTPUT_KEPT = 1 << 20;

/**
 * The production entry (api/server.ts) in a process of its own over the suite's PostgreSQL and Temporal:
 * what a crash, an unhandled rejection or a blocked event loop would take down is observable from
 * outside (exit code, pid, /health latency), as under `npm start`. `preload` modules go to node's
 * --import (test-only code stays out of api/); `env` adds or overrides variables.
 */
export async function spawnApiProcess(opts: {
  appUrl: string;
  temporalAddress: string;
  dataDir?: string;
  preload?: string[];
  env?: Record<string, string>;
}): Promise<ApiProcess> {
  const port = await freePort();
  const preload = (opts.preload ?? []).flatMap((p) => ['--import', p]);
  // node itself (not the tsx wrapper, which would leave its child running on SIGKILL): the pid is the API's.
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, 'api/server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_APP_URL: opts.appUrl,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TEMPORAL_TASK_QUEUE: TEST_TASK_QUEUE,
      DEMO_PASSWORD: TEST_PASSWORD,
      SERVE_ADMIN_UI: 'false',
      ...(opts.dataDir ? { DATA_DIR: opts.dataDir } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_KEPT) output = output.slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start:\n${output}`)), 90_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`API exited (${code}):\n${output}`));
    };
    child.once('exit', onExit);
    const poll = () => {
      fetch(`${base}/health`).then(
        () => {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve();
        },
        () => {
          if (child.exitCode === null) setTimeout(poll, 250);
        },
      );
    };
    poll();
  });
  return {
    child,
    pid: child.pid!,
    base,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** The value of one unlabelled counter in a Prometheus text exposition (undefined: not exposed). */
export function counterValue(metricsText: string, name: string): number | undefined {
  const line = metricsText.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}
