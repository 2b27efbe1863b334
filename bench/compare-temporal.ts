/**
 * `npm run bench:temporal [-- --quick] [-- --out report.json]`: the engine scenarios (dossier creation,
 * transitions, the fleet) measured on the CLI's dev server and on the real Temporal server on PostgreSQL,
 * one after the other in the same run, with the ratio server ÷ dev for each — the figure to quote
 * (the machine is shared: only numbers from one run compare).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { scenarios } from './scenarios.js';
import { startBenchStack, type BenchTemporal } from './stack.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
const log = (m: string) => console.error(`[bench] ${m}`);
Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });

type Scenario = {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  throughputPerSec?: number;
};

async function measure(temporal: BenchTemporal) {
  const stack = await startBenchStack({ log, temporal });
  try {
    const { scenarios: measured } = await scenarios({ ...stack, quick, log });
    return { temporal: stack.temporalInfo, scenarios: measured as Record<string, Scenario> };
  } finally {
    for (const cleanup of stack.cleanups)
      await cleanup().catch((err: unknown) => log(`cleanup: ${String(err)}`));
  }
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a !== undefined && b !== undefined && b > 0 ? Math.round((a / b) * 100) / 100 : null;

const dev = await measure({ kind: 'dev' });
const server = await measure({ kind: 'server' });
const report = {
  generatedAt: new Date().toISOString(),
  mode: quick ? 'quick' : 'full',
  dev,
  server,
  // > 1: the real server is slower (p50/p95) or faster (throughput) than the dev server.
  ratioServerOverDev: Object.fromEntries(
    Object.entries(dev.scenarios).map(([name, d]) => {
      const s = server.scenarios[name];
      return [
        name,
        {
          p50: ratio(s?.p50, d.p50),
          p95: ratio(s?.p95, d.p95),
          throughput: ratio(s?.throughputPerSec, d.throughputPerSec),
          errors: { dev: d.errors, server: s?.errors ?? null },
        },
      ];
    }),
  ),
};
if (out) writeFileSync(out, JSON.stringify(report, null, 2));
console.log(JSON.stringify(report, null, 2));
console.table(report.ratioServerOverDev);
process.exit(0);
