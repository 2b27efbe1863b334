/**
 * Time-in-stage histograms of the funnel rollup (see the read-paths migration): bucket b (1-based)
 * counts stays whose log2(seconds + 1) lies in [(b - 1) / 4, b / 4), so any value is known to ±9 %.
 * Stored sparse (`{ bucket: count }`), histograms add up across days and versions, which an exact
 * median could not.
 */
export const FUNNEL_HISTOGRAM_BUCKETS = 128;
const PER_OCTAVE = 4;

/** Same formula as the SQL function funnel_stay_bucket. */
export function stayBucket(seconds: number): number {
  const b = 1 + Math.floor(Math.log2(Math.max(seconds, 0) + 1) * PER_OCTAVE);
  return Math.min(FUNNEL_HISTOGRAM_BUCKETS, b);
}

/** The median stay in seconds (geometric middle of the bucket holding it) from `{ bucket: count }`; null when empty. */
export function histogramMedianSeconds(histogram: Readonly<Record<number, number>>): number | null {
  const buckets = Object.entries(histogram)
    .map(([b, n]) => [Number(b), n] as const)
    .filter(([, n]) => n > 0)
    .sort((x, y) => x[0] - y[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [b, n] of buckets) {
    seen += n;
    if (seen * 2 >= total) return Math.max(0, 2 ** ((b - 0.5) / PER_OCTAVE) - 1);
  }
  return null;
}
