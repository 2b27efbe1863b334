import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../runtime/postgres.js';
import { TEST_PASSWORD, TEST_TASK_QUEUE } from './constants.js';

export interface ApiProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Lines the process wrote to stderr and stdout (its log), for the failure message. */
  output: string[];
  stop(): Promise<void>;
}

/**
 * The production entry (`api/server.ts`) in its own process over the suite's PostgreSQL and Temporal:
 * what a crash, an unhandled rejection or a blocked event loop would take down is observable from
 * outside (exit code, pid, /health latency), as it would be under `npm start`.
 */
export async function spawnApiProcess(opts: {
  appUrl: string;
  temporalAddress: string;
  env?: Record<string, string>;
}): Promise<ApiProcess> {
  const port = await freePort();
  // node itself (not the tsx wrapper, which would leave its child running on SIGKILL).
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_APP_URL: opts.appUrl,
      TEMPORAL_ADDRESS: opts.temporalAddress,
      TEMPORAL_TASK_QUEUE: TEST_TASK_QUEUE,
      DEMO_PASSWORD: TEST_PASSWORD,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited early (${child.exitCode}): ${output.join('')}`);
    const up = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`API not healthy after 60 s: ${output.join('')}`);
    await sleep(250);
  }
  return {
    child,
    pid: child.pid!,
    url,
    output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}
