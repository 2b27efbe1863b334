import { S3DocumentStore } from '../db/document-store.js';
import { Client, Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { loadEnv } from '../config/env.js';
import { withDevSecrets } from '../config/dev-secrets.js';
import { appDatabaseUrl } from '../db/migrate.js';
import { apiSessionSettings, createOrm } from '../db/orm.js';
import atlasApp from './app.js';
import { fastifyOptions } from './fastify-options.js';

/** Production entry: connects to the given PostgreSQL and Temporal, then listens. */
export async function startApiServer(overrides: { databaseUrl?: string; temporalAddress?: string } = {}) {
  const env = withDevSecrets(loadEnv());
  const ownerUrl = overrides.databaseUrl ?? env.DATABASE_URL;
  const appUrl =
    env.DATABASE_APP_URL ??
    (ownerUrl
      ? appDatabaseUrl(ownerUrl, { user: env.APP_DB_USER, password: env.APP_DB_PASSWORD })
      : undefined);
  if (!appUrl)
    throw new Error('DATABASE_URL or DATABASE_APP_URL is required (npm start provides an embedded one).');
  const orm = await createOrm(appUrl, env.DATABASE_POOL_MAX, apiSessionSettings(env));
  const connection = await Connection.connect({
    address: overrides.temporalAddress ?? env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const app = Fastify(fastifyOptions(env));
  await app.register(atlasApp, { env, orm, temporal });
  // A fresh S3-compatible store (MinIO in docker-compose) gets its bucket on first start.
  if (app.documents instanceof S3DocumentStore) await app.documents.ensureBucket();
  app.addHook('onClose', async () => {
    await connection.close();
    await orm.close();
  });
  await app.listen({ port: env.PORT, host: env.HOST });
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const app = await startApiServer();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
