/**
 * `npm run soak -- --minutes 30 [--rate 10] [--worker-cache 500] [--out soak.json]`: the bench stack (worker in its own
 * process) under a steady mixed load for the given time; prints one JSON report with latency per
 * minute, the p99 drift between the first and the last five minutes (target < 20 %), the API's and
 * the worker's memory over time with its trend, and whether every accepted message and reminder was
 * delivered.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { prepareLoad, runLoad, type Sample } from './soak-load.js';
import { startBenchStack } from './stack.js';
import { summarize } from './stats.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const minutes = Number(arg('--minutes') ?? 30);
const rate = Number(arg('--rate') ?? 10);
const out = arg('--out');
// The worker's sticky cache holds running workflows in memory up to this bound: its memory grows until
// the cache is full, then must stay flat (what the trend after warm-up shows). As in production: set it.
const workerCache = Number(arg('--worker-cache') ?? 500);
if (!(minutes > 0) || !(rate > 0)) throw new Error('--minutes and --rate take positive numbers');
const log = (m: string) => console.error(`[soak] ${m}`);
const MiB = 2 ** 20;

/** Resident memory of another process (Linux /proc); null elsewhere. */
function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? (Number(kb) * 1024) / MiB : null;
  } catch {
    return null;
  }
}

/** Least-squares slope of y over x (per x unit). */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den ? num / den : 0;
}

const round = (x: number) => Math.round(x * 100) / 100;

interface MemorySample {
  minute: number;
  apiRssMiB: number;
  apiHeapMiB: number;
  workerRssMiB: number | null;
}

function memoryTrend(samples: MemorySample[], pick: (s: MemorySample) => number | null) {
  // The first fifth is warm-up (JIT, pools, caches filling); the trend is read after it.
  const settled = samples.slice(Math.floor(samples.length / 5));
  const points = settled.flatMap((s) => {
    const v = pick(s);
    return v === null ? [] : [[s.minute, v] as [number, number]];
  });
  if (!points.length) return null;
  return {
    startMiB: round(points[0]![1]),
    endMiB: round(points.at(-1)![1]),
    peakMiB: round(Math.max(...points.map(([, y]) => y))),
    slopeMiBPerHour: round(slope(points) * 60),
  };
}

Runtime.install({ logger: new DefaultLogger('ERROR'), shutdownSignals: [] });
const stack = await startBenchStack({ log, workerProcess: true, maxCachedWorkflows: workerCache });
try {
  log('preparing contacts…');
  const { token, contacts } = await prepareLoad(stack.base, 50);
  const started = Date.now();
  const memory: MemorySample[] = [];
  const sampleMemory = () => {
    const m = process.memoryUsage();
    memory.push({
      minute: round((Date.now() - started) / 60_000),
      apiRssMiB: round(m.rss / MiB),
      apiHeapMiB: round(m.heapUsed / MiB),
      workerRssMiB: rssOf(stack.workerChild?.pid),
    });
  };
  sampleMemory();
  const sampler = setInterval(sampleMemory, 10_000);
  const progress = setInterval(() => log(`${Math.round((Date.now() - started) / 60_000)} min…`), 60_000);
  log(`steady load: ${rate} operations/s for ${minutes} min`);
  const load = await runLoad({
    base: stack.base,
    token,
    contacts,
    rate,
    until: started + minutes * 60_000,
    maxInFlight: 64,
  }).finally(() => {
    clearInterval(sampler);
    clearInterval(progress);
  });
  sampleMemory();

  // Everything accepted must arrive: messages and reminders due by now (the last ones get a minute).
  const endedAt = Date.now();
  const received = () => stack.standIns.received.sms;
  const delivered = () => received().filter((m) => m.body.startsWith('Soak message')).length;
  const reminders = () => received().filter((m) => m.body.startsWith('Rappel : Soak')).length;
  const remindersDue = load.remindersDueBefore(endedAt);
  for (let i = 0; i < 120 && (delivered() < load.messagesAccepted || reminders() < remindersDue); i++)
    await sleep(500);

  const windowMinutes = Math.min(5, minutes / 3);
  const windowOf = (from: number, to: number) =>
    load.samples.filter((s) => s.at >= started + from * 60_000 && s.at < started + to * 60_000);
  const stats = (xs: Sample[]) =>
    summarize(
      xs.map((s) => s.ms),
      xs.filter((s) => !s.ok).length,
    );
  const first = stats(windowOf(0, windowMinutes));
  const last = stats(windowOf(minutes - windowMinutes, minutes));
  const driftPct = first.p99 ? round(((last.p99 - first.p99) / first.p99) * 100) : 0;
  const kinds = [...new Set(load.samples.map((s) => s.kind))];
  const report = {
    generatedAt: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    database: process.env.DATABASE_URL ? 'DATABASE_URL server' : 'embedded PostgreSQL',
    minutes,
    targetRatePerSec: rate,
    workerMaxCachedWorkflows: workerCache,
    operations: {
      ...stats(load.samples),
      achievedPerSec: round(load.samples.length / (minutes * 60)),
      skippedAtInFlightCap: load.skipped,
      byKind: Object.fromEntries(kinds.map((k) => [k, stats(load.samples.filter((s) => s.kind === k))])),
    },
    perMinute: Array.from({ length: Math.ceil(minutes) }, (_, m) => {
      const s = stats(windowOf(m, m + 1));
      return { minute: m + 1, n: s.n, errors: s.errors, p50: s.p50, p95: s.p95, p99: s.p99 };
    }),
    p99Drift: {
      windowMinutes,
      firstP99: first.p99,
      lastP99: last.p99,
      driftPct,
      target: '< 20 %',
      met: driftPct < 20,
    },
    memory: {
      api: memoryTrend(memory, (s) => s.apiRssMiB),
      apiHeap: memoryTrend(memory, (s) => s.apiHeapMiB),
      worker: memoryTrend(memory, (s) => s.workerRssMiB),
      samples: memory,
    },
    delivery: {
      messagesAccepted: load.messagesAccepted,
      messagesDelivered: delivered(),
      remindersDue,
      remindersFired: reminders(),
    },
  };
  if (out) writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  console.table(report.perMinute);
  console.table({ drift: report.p99Drift, ...report.delivery });
} finally {
  for (const cleanup of stack.cleanups)
    await cleanup().catch((err: unknown) => log(`cleanup: ${String(err)}`));
}
