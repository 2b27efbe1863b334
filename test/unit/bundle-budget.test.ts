import { describe, expect, it } from 'vitest';
import { pageLoad } from '../../scripts/bundle-size.js';

/**
 * Bundle-size budget, in brotli bytes as served (admin-ui/dist after `npm run build:ui`, which
 * `npm test` runs first). Raise a budget only on purpose: the entry is what every screen pays.
 */
const ENTRY_BUDGET = 400 * 1024;
const DASHBOARD_BUDGET = 460 * 1024;

describe('admin UI bundle budget', () => {
  const load = pageLoad('src/pages/dashboard/index.tsx');

  it(`the entry chunk and its static imports stay under ${ENTRY_BUDGET / 1024} KiB (brotli)`, () => {
    expect(load.entryBytes).toBeLessThanOrEqual(ENTRY_BUDGET);
  });

  it(`the dashboard's JS before its first render stays under ${DASHBOARD_BUDGET / 1024} KiB of JS (brotli)`, () => {
    expect(load.pageFiles).toBeGreaterThan(load.entryFiles);
    expect(load.pageBytes).toBeLessThanOrEqual(DASHBOARD_BUDGET);
  });
});
