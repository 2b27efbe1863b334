import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../runtime/postgres.js';
import { TEST_PASSWORD, TEST_TASK_QUEUE } from './constants.js';

export interface ApiProcess {
  child: ChildProcess;
  base: string;
  /** Everything the process printed so far (pino JSON lines). */
  output(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * The production entry (api/server.ts) in a process of its own, so a test can see whether a request
 * kills it. `preload` modules are given to node's --import (test-only code stays out of api/).
 */
export async function spawnApiProcess(opts: {
  appUrl: string;
  temporalAddress: string;
  dataDir: string;
  preload?: string[];
}): Promise<ApiProcess> {
  const port = await freePort();
  const preload = (opts.preload ?? []).flatMap((p) => ['--import', p]);
  // node itself (not the tsx wrapper), so the pid is the API's own.
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
      DATA_DIR: opts.dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API did not start:\n${output}`)), 90_000);
    const onExit = (code: number | null) => reject(new Error(`API exited (${code}):\n${output}`));
    child.once('exit', onExit);
    const poll = () => {
      fetch(`${base}/health`).then(
        () => {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve();
        },
        () => setTimeout(poll, 250),
      );
    };
    poll();
  });
  return {
    child,
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
