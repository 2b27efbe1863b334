/**
 * The API's OpenAPI document without PostgreSQL or Temporal: the app is registered with a stand-in
 * ORM and document store that nothing touches (no request is made) and no Temporal client, then `app.swagger()` reads
 * the document that `/docs/json` serves. Used by `npm run api:types` (scripts/generate-api-types.ts).
 */
import Fastify from 'fastify';
import atlasApp from '../api/app.js';
import { fastifyOptions } from '../api/fastify-options.js';
import { loadEnv } from '../config/env.js';
import type { Orm } from '../db/orm.js';
import type { DocumentStore } from '../db/document-store.js';

/** Fixed values: the document does not depend on them, and nothing is written under DATA_DIR. */
const DOCUMENT_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SERVE_ADMIN_UI: 'false',
  JWT_SECRET: 'openapi-document-only-never-signs-a-token-0000',
};

export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const env = loadEnv(DOCUMENT_ENV);
  const app = Fastify(fastifyOptions(env, false));
  // Building routes never queries: an empty stand-in fails loudly if that ever changes.
  const unused = Object.freeze({});
  try {
    await app.register(atlasApp, {
      env,
      orm: unused as Orm,
      temporal: undefined,
      documents: unused as DocumentStore,
    });
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
