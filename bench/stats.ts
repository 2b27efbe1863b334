export interface ScenarioStats {
  n: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  throughputPerSec?: number;
  [extra: string]: unknown;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function summarize(latenciesMs: number[], errors = 0, wallMs?: number): ScenarioStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    errors,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.length ? sum / sorted.length : 0),
    max: round(sorted[sorted.length - 1] ?? 0),
    ...(wallMs ? { throughputPerSec: round((sorted.length / wallMs) * 1000) } : {}),
  };
}

/** Runs `task(i)` for i in [0, n) with at most `concurrency` in flight; returns per-call latencies. */
export async function runPool(n: number, concurrency: number, task: (i: number) => Promise<boolean>) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        const ok = await task(i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  return { latencies, errors, wallMs: performance.now() - started };
}
