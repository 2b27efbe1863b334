import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadEnv } from '../../config/env.js';
import { freePort } from '../../runtime/postgres.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { TEST_CONFIG_KEY } from '../helpers/constants.js';

/** The constant every install signed its tokens with before each data directory got its own secret. */
const OLD_PUBLIC_SECRET = 'atlas-dev-only-secret-never-use-in-production-0000';

const dirs: string[] = [];
const apps: TestApp[] = [];
function dataDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-secret-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
function hs256(claims: Record<string, unknown>, secret: string) {
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** Runs `tsx api/server.ts` with exactly `env`; resolves with its exit code and output. */
function runApiServer(env: NodeJS.ProcessEnv, untilOutput?: RegExp) {
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['api/server.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`api/server.ts neither exited nor came up:\n${output}`));
    }, 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (untilOutput?.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { JWT_SECRET: _none, ...rest } = process.env;
  return {
    ...rest,
    NODE_ENV: 'production',
    DATABASE_APP_URL: inject('appUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    APP_DB_PASSWORD: 'given-in-production',
    CONFIG_ENCRYPTION_KEY: TEST_CONFIG_KEY,
    SERVE_ADMIN_UI: 'false',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

describe('token-signing secret', () => {
  it('production refuses to start without JWT_SECRET, and starts with one', async () => {
    const refused = await runApiServer(productionEnv({ PORT: String(await freePort()) }));
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('JWT_SECRET is required in production');

    const started = await runApiServer(
      productionEnv({
        PORT: String(await freePort()),
        JWT_SECRET: 'a-production-secret-of-forty-characters!',
      }),
      /Server listening/,
    );
    expect(started.output).toContain('Server listening');
    expect(started.output).not.toContain('JWT_SECRET is required');
  });

  it('development keeps a random secret per data directory, mode 0600, reused across restarts', () => {
    const [a, b] = [dataDir(), dataDir()];
    const first = loadEnv({ NODE_ENV: 'development', DATA_DIR: a }).JWT_SECRET;
    const file = path.join(a, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(first).not.toBe(OLD_PUBLIC_SECRET);
    expect(loadEnv({ NODE_ENV: 'development', DATA_DIR: a }).JWT_SECRET).toBe(first);
    expect(loadEnv({ NODE_ENV: 'development', DATA_DIR: b }).JWT_SECRET).not.toBe(first);
  });

  it('a development API refuses tokens signed with the old public constant or by another install', async () => {
    const dev = { NODE_ENV: 'development', JWT_SECRET: undefined };
    const one = await buildTestApp({ ...dev, DATA_DIR: dataDir() });
    const two = await buildTestApp({ ...dev, DATA_DIR: dataDir() });
    apps.push(one, two);
    const { token, user } = await login(one.app, 'admin@demo.test', 'demo');
    const me = (app: TestApp, bearer: string) =>
      app.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${bearer}` } });
    expect((await me(one, token)).statusCode).toBe(200);

    const claims = { sub: user.id, org: user.orgId, orgSlug: 'demo', iat: Math.floor(Date.now() / 1000) };
    const forged = await me(one, hs256(claims, OLD_PUBLIC_SECRET));
    expect(forged.statusCode).toBe(401);
    expect(forged.headers['content-type']).toContain('application/problem+json');
    expect((await me(two, token)).statusCode).toBe(401);
  });
});
