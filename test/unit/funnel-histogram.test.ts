import { describe, expect, it } from 'vitest';
import { histogramMedianSeconds, stayBucket } from '../../db/funnel-histogram.js';

describe('funnel time-in-stage histogram', () => {
  it('puts a stay in the bucket of its quarter-octave, capped', () => {
    expect(stayBucket(0)).toBe(1);
    expect(stayBucket(-5)).toBe(1);
    expect(stayBucket(1)).toBe(5); // log2(2) * 4 = 4 → bucket 5
    expect(stayBucket(3600)).toBe(1 + Math.floor(Math.log2(3601) * 4));
    expect(stayBucket(1e300)).toBe(128);
  });

  it('estimates the median within the bucket resolution (±9 %)', () => {
    const stays = [60, 3600, 7200, 86400, 90000, 3 * 86400, 10 * 86400];
    const histogram: Record<number, number> = {};
    for (const s of stays) histogram[stayBucket(s)] = (histogram[stayBucket(s)] ?? 0) + 1;
    const median = histogramMedianSeconds(histogram)!;
    expect(Math.abs(median - 86400) / 86400).toBeLessThan(0.09);
  });

  it('has no median without stays and ignores empty buckets', () => {
    expect(histogramMedianSeconds({})).toBeNull();
    expect(histogramMedianSeconds({ 3: 0 })).toBeNull();
    const one = histogramMedianSeconds({ [stayBucket(500)]: 1, 90: 0 })!;
    expect(Math.abs(one - 500) / 500).toBeLessThan(0.09);
  });
});
