import { Client, Connection } from '@temporalio/client';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import atlasApp from '../../api/app.js';
import { fastifyOptions } from '../../api/fastify-options.js';
import { loadEnv, type Env } from '../../config/env.js';
import { apiSessionSettings, createOrm, type Orm } from '../../db/orm.js';
import { TEST_CONFIG_KEY, TEST_JWT_SECRET, TEST_PASSWORD, TEST_TASK_QUEUE } from './constants.js';

export interface TestApp {
  app: FastifyInstance;
  orm: Orm;
  temporal: Client;
  env: Env;
  close(): Promise<void>;
}

/** The suite's environment; an override set to `undefined` removes that variable. */
export function testEnv(overrides: Record<string, string | undefined> = {}): Env {
  const source: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    TEMPORAL_TASK_QUEUE: TEST_TASK_QUEUE,
    DEMO_PASSWORD: TEST_PASSWORD,
    JWT_SECRET: TEST_JWT_SECRET,
    SERVE_ADMIN_UI: 'true',
    CONFIG_ENCRYPTION_KEY: TEST_CONFIG_KEY,
    ...overrides,
  };
  return loadEnv(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined)));
}

/** The real API plugin over the suite's PostgreSQL (as the app role) and Temporal server. */
export async function buildTestApp(
  envOverrides: Record<string, string | undefined> = {},
  /** Receives every log line, with the production logger configuration (redaction) at trace level. */
  logStream?: { write(line: string): void },
): Promise<TestApp> {
  const env = testEnv(envOverrides);
  const orm = await createOrm(inject('appUrl'), 10, apiSessionSettings(env));
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const temporal = new Client({ connection, namespace: 'default' });
  const options = fastifyOptions(env, logStream ? true : process.env.TEST_LOG ? { level: 'error' } : false);
  if (logStream) options.logger = { ...(options.logger as object), level: 'trace', stream: logStream };
  const app = Fastify(options);
  await app.register(atlasApp, { env, orm, temporal });
  await app.ready();
  return {
    app,
    orm,
    temporal,
    env,
    async close() {
      await app.close();
      await connection.close();
      await orm.close(true);
    },
  };
}

export async function login(app: FastifyInstance, email: string, org: string, password = TEST_PASSWORD) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password, org },
  });
  if (res.statusCode !== 200) throw new Error(`login ${email}@${org} failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{
    accessToken: string;
    user: { id: string; orgId: string; permissions: string[] };
  }>();
  return {
    token: body.accessToken,
    user: body.user,
    headers: { authorization: `Bearer ${body.accessToken}` },
  };
}

export function problemOf(res: LightMyRequestResponse) {
  return res.json<{
    type: string;
    title: string;
    status: number;
    detail: string;
    code?: string;
    params?: Record<string, unknown>;
    errors?: { field: string; message: string; code?: string }[];
  }>();
}
