import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isPortFree } from '../../runtime/postgres.js';

/**
 * `npm start` as a new user runs it: no DATABASE_URL, no TEMPORAL_ADDRESS — so the embedded
 * PostgreSQL and the Temporal dev server are started by the project itself.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-start-'));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(ports: { api: number; temporal: number; ui: number; metrics: number }) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(ports.api),
    TEMPORAL_DEV_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: String(ports.ui),
    WORKER_METRICS_ADDRESS: `127.0.0.1:${ports.metrics}`,
    DATA_DIR: dataDir,
    DEMO_PASSWORD: 'start-test-pw',
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  const proc = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Atlas CRM is running')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { proc, output: () => output };
}

async function stop(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    proc.once('exit', (code) => resolve(code));
    proc.kill('SIGINT');
  });
}

/** Ctrl-C leaves no process listening on any port npm start used (issue 15). */
async function expectPortsFree(ports: Record<string, number>, output: string) {
  const pg = /embedded PostgreSQL listens on port (\d+)/.exec(output);
  expect(pg).not.toBeNull();
  for (const port of [...Object.values(ports), Number(pg![1])])
    expect(await isPortFree(port), `port ${port} still taken after Ctrl-C`).toBe(true);
}

async function loginOk(api: number) {
  const res = await fetch(`http://127.0.0.1:${api}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.test', password: 'start-test-pw', org: 'demo' }),
  });
  return res.status;
}

describe('npm start on a machine without PostgreSQL or Temporal configured', () => {
  it(
    'starts everything, prints the URLs and logins, stops cleanly and restarts on the same data',
    { timeout: 400_000 },
    async () => {
      const ports = {
        api: await freePort(),
        temporal: await freePort(),
        ui: await freePort(),
        metrics: await freePort(),
      };
      const first = await start(ports);
      const printed = first.output();
      expect(printed).toContain(`http://localhost:${ports.api}/docs`);
      expect(printed).toContain(`http://localhost:${ports.ui}`);
      expect(printed).toContain('admin@demo.test');
      expect(printed).toContain('embedded');
      expect(printed).toMatch(/API and worker is up \(pid \d+\)/);

      const base = `http://127.0.0.1:${ports.api}`;
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({
        status: 'ok',
        database: { ok: true },
        temporal: { ok: true },
      });
      expect((await fetch(`${base}/docs/json`)).status).toBe(200);
      const ui = await fetch(`${base}/`);
      expect(ui.status).toBe(200);
      expect(await ui.text()).toContain('<div id="root">');
      expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
      expect(await loginOk(ports.api)).toBe(200);
      // /metrics is closed without its bearer token, generated into the data dir; it says where, never what.
      const tokenFile = path.join(dataDir, 'secrets', 'metrics-token');
      expect(printed).toContain(tokenFile);
      const token = readFileSync(tokenFile, 'utf8').trim();
      expect(printed).not.toContain(token);
      const scrape = (headers: Record<string, string> = {}) => fetch(`${base}/metrics`, { headers });
      expect((await scrape()).status).toBe(401);
      expect((await scrape({ authorization: `Bearer ${token}` })).status).toBe(200);

      expect(await stop(first.proc)).toBe(0);
      await expectPortsFree(ports, first.output());

      const second = await start(ports);
      expect(await loginOk(ports.api)).toBe(200);
      expect((await scrape({ authorization: `Bearer ${token}` })).status).toBe(200);
      expect(second.output()).not.toContain('applied migrations');
      expect(await stop(second.proc)).toBe(0);
      await expectPortsFree(ports, second.output());
    },
  );
});
