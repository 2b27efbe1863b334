import { defineConfig } from 'vitest/config';

// Two groups run one after the other: the API, unit and deploy files two at a time (they wait on
// timers, Temporal and PostgreSQL as much as they compute), then the browser files one at a time
// (their timings — drags, animations — suffer from a busy CPU).
export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/deploy/**/*.test.ts'],
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/e2e/**/*.test.ts'],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
