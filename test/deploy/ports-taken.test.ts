/**
 * `npm start` on a machine where a port it needs is taken (a second `npm start`, another program):
 * one line per port naming the variable that moves it, exit 1, and nothing started first (issue 16).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../runtime/postgres.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-ports-'));
const servers: net.Server[] = [];
afterAll(() => {
  for (const s of servers) s.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function occupy(): Promise<number> {
  const port = await freePort();
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  servers.push(server);
  return port;
}

describe('npm start with its ports taken', () => {
  it('names each taken port and the variable that moves it, before starting anything', async () => {
    const [api, temporal, ui, metrics] = [await occupy(), await occupy(), await occupy(), await occupy()];
    const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'development',
        DATABASE_URL: '',
        TEMPORAL_ADDRESS: '',
        DATA_DIR: dataDir,
        PORT: String(api),
        TEMPORAL_DEV_PORT: String(temporal),
        TEMPORAL_UI_PORT: String(ui),
        WORKER_METRICS_ADDRESS: `127.0.0.1:${metrics}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, out).toBe(1);
    expect(out).toContain(`port ${api} (the API and admin UI) is already in use — set PORT to move it`);
    expect(out).toContain(
      `port ${temporal} (the Temporal dev server) is already in use — set TEMPORAL_DEV_PORT`,
    );
    expect(out).toContain(`port ${ui} (the Temporal UI) is already in use — set TEMPORAL_UI_PORT`);
    expect(out).toContain(
      `port ${metrics} (the worker's metrics) is already in use — set WORKER_METRICS_ADDRESS`,
    );
    expect(out).not.toMatch(/starting embedded PostgreSQL|Temporal dev server \(|migrat/i);
  }, 60_000);
});
