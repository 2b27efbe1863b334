/**
 * `npm run temporal:server`: the real Temporal server (1.29.1, PostgreSQL persistence and visibility)
 * on DATABASE_URL's PostgreSQL server, or on the embedded one. Builds it once per machine, migrates its
 * databases, registers the namespace and search attributes, starts the Temporal Web UI for it on
 * TEMPORAL_UI_PORT (8233, the same UI server the dev server embeds), prints `ready` and both addresses.
 * Ctrl-C stops it. Point the API and worker at it with TEMPORAL_ADDRESS, or run `TEMPORAL_MODE=server npm start`.
 */
import path from 'node:path';
import { loadEnv } from '../config/env.js';
import { startEmbeddedPostgres } from '../runtime/postgres.js';
import { startTemporalPgServer } from '../runtime/temporal-pg-server.js';
import { startTemporalUiServer } from '../runtime/temporal-ui-server.js';

const env = loadEnv();
const log = (m: string) => console.log(`[temporal] ${m.trimEnd()}`);
let databaseUrl = env.DATABASE_URL;
let stopPostgres = async () => {};
if (!databaseUrl) {
  log('no DATABASE_URL: starting the embedded PostgreSQL…');
  const embedded = await startEmbeddedPostgres({ dataDir: path.resolve(env.DATA_DIR, 'postgres') });
  databaseUrl = embedded.url;
  stopPostgres = embedded.stop;
}
const server = await startTemporalPgServer({
  databaseUrl,
  port: env.TEMPORAL_DEV_PORT,
  dataDir: path.resolve(env.DATA_DIR, 'temporal-server'),
  namespace: env.TEMPORAL_NAMESPACE,
  log: (line) => {
    if (/"level":"(error|fatal)"/.test(line)) log(line);
  },
});
let ui: Awaited<ReturnType<typeof startTemporalUiServer>>;
try {
  ui = await startTemporalUiServer({
    temporalAddress: server.address,
    port: env.TEMPORAL_UI_PORT,
    dataDir: path.resolve(env.DATA_DIR, 'temporal-server'),
    namespace: env.TEMPORAL_NAMESPACE,
  });
} catch (err) {
  await server.stop();
  await stopPostgres();
  throw err;
}
console.log(
  `ready: Temporal server ${server.version} (${server.persistence}) at ${server.address}, namespace ${env.TEMPORAL_NAMESPACE}, Web UI ${ui.url}`,
);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await ui.stop();
  await server.stop();
  await stopPostgres();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
server.process.once('exit', (code, signal) => {
  if (stopping) return;
  log(`the Temporal server exited (${code ?? signal})`);
  void ui
    .stop()
    .then(stopPostgres)
    .then(() => process.exit(1));
});
ui.process.once('exit', (code, signal) => {
  if (stopping) return;
  log(`the Temporal UI server exited (${code ?? signal}); the server keeps running`);
});
