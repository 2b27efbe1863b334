/**
 * `npm run bench [-- --quick] [-- --million] [-- --out report.json] [-- --temporal dev|server]
 * [-- --temporal-address HOST:PORT]`: builds the stack it needs (DATABASE_URL's server or an embedded
 * PostgreSQL, a local Temporal dev server or the real server on PostgreSQL), then measures the engine through
 * the real HTTP API and prints one JSON report plus a readable table.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { createOrm } from '../db/orm.js';
import { apiScenarios } from './api-scenarios.js';
import { engagementScenarios } from './engagement-scenarios.js';
import { matchingScenarios } from './matching-scenarios.js';
import { readScenarios } from './read-scenarios.js';
import { scenarios } from './scenarios.js';
import { startBenchStack, type BenchTemporal } from './stack.js';
import { writeContentionScenarios } from './write-contention-scenarios.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const million = args.includes('--million');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
// `--only engine|reads|engagement|matching|api|contention`: one family of scenarios (iterating on one without the others' wait).
const onlyIndex = args.indexOf('--only');
const only: string | undefined = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
if (only !== undefined && !['engine', 'reads', 'engagement', 'matching', 'api', 'contention'].includes(only))
  throw new Error('--only takes engine, reads, engagement, matching, api or contention');
// `--temporal dev|server` (default dev) or `--temporal-address HOST:PORT`: the engine measured against.
const temporalIndex = args.indexOf('--temporal');
const addressIndex = args.indexOf('--temporal-address');
const temporalChoice: BenchTemporal =
  addressIndex >= 0
    ? { kind: 'address', address: args[addressIndex + 1] ?? '' }
    : args[temporalIndex + 1] === 'server' && temporalIndex >= 0
      ? { kind: 'server' }
      : { kind: 'dev' };
if (temporalIndex >= 0 && !['dev', 'server'].includes(args[temporalIndex + 1] ?? ''))
  throw new Error('--temporal takes dev or server');
const log = (m: string) => console.error(`[bench] ${m}`);

Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
const cleanups: Array<() => Promise<unknown>> = [];
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

try {
  const stack = await startBenchStack({ log, temporal: temporalChoice });
  cleanups.push(...stack.cleanups);
  const { base, ownerUrl, orm, temporal, standIns } = stack;

  const results =
    only !== undefined && only !== 'engine'
      ? { scenarios: {}, targets: {} }
      : await scenarios({ base, orm, temporal, quick, log });
  const api = only === undefined || only === 'api' ? await apiScenarios({ base, quick, log }) : null;
  const contention =
    only === undefined || only === 'contention'
      ? await writeContentionScenarios({ base, orm, quick, log })
      : null;
  const engagement =
    only === undefined || only === 'engagement'
      ? await engagementScenarios({ base, standIns, quick, log })
      : { scenarios: {} };
  log('read scenarios over bulk-loaded data…');
  const benchOwnerOrm = await createOrm(ownerUrl, 4);
  cleanups.unshift(() => benchOwnerOrm.close(true));
  const ownerDb = new pg.Client({ connectionString: ownerUrl });
  await ownerDb.connect();
  cleanups.unshift(() => ownerDb.end());
  const read =
    only !== undefined && only !== 'reads'
      ? { sizes: {}, targets: {} }
      : await readScenarios({ base, ownerOrm: benchOwnerOrm, db: ownerDb, quick, million, log });
  const matching =
    only === undefined || only === 'matching'
      ? await matchingScenarios({ base, ownerOrm: benchOwnerOrm, db: ownerDb, quick, log })
      : { sizes: {}, targets: {} };
  const report = {
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    machine: {
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    },
    database: process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL',
    temporal: {
      kind: stack.temporalInfo.kind,
      version: stack.temporalInfo.version,
      persistence: stack.temporalInfo.persistence,
    },
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    ...results,
    api,
    contention,
    engagement,
    read,
    matching,
    targets: { ...results.targets, ...read.targets, ...matching.targets },
  };
  if (out) writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  console.table(
    Object.fromEntries(
      Object.entries(results.scenarios).map(([name, s]) => [
        name,
        { n: s.n, errors: s.errors, p50: s.p50, p95: s.p95, p99: s.p99, 'per s': s.throughputPerSec ?? '' },
      ]),
    ),
  );
  console.table(
    Object.fromEntries(
      Object.entries(read.sizes).flatMap(([size, r]) => [
        ...Object.entries(r.scenarios).map(([name, s]) => [
          `${name} @${size}`,
          { n: s.n, errors: s.errors, p50: s.p50, p95: s.p95, p99: s.p99, 'per s': s.throughputPerSec ?? '' },
        ]),
        [
          `export @${size}`,
          { n: r.export.rows, errors: 0, p50: '', p95: '', p99: '', 'per s': r.export.rowsPerSec },
        ],
      ]),
    ),
  );
  if (contention) {
    const c = contention['write-contention-org'];
    console.table({
      'write-contention-org': {
        'one org /s': c.oneOrg.writesPerSec,
        'two orgs /s': c.twoOrgs.writesPerSec,
        ratio: c.ratio,
      },
      'write-contention-org-audit-path': {
        'one org /s': contention['write-contention-org-audit-path'].oneOrgPerSec,
        'two orgs /s': contention['write-contention-org-audit-path'].twoOrgsPerSec,
        ratio: contention['write-contention-org-audit-path'].ratio,
      },
    });
  }
  if (api) console.table({ atlas: api.authenticatedReadById, bare: api.bareFastify });
  console.table(read.targets);
  console.table(matching.targets);
  console.table(
    Object.fromEntries(
      Object.entries(engagement.scenarios).map(([name, s]) => [
        name,
        { n: s.n, errors: s.errors, p50: s.p50, p95: s.p95, p99: s.p99 },
      ]),
    ),
  );
} finally {
  clearInterval(sampler);
  for (const cleanup of cleanups) await cleanup().catch((err: unknown) => log(`cleanup: ${String(err)}`));
}
