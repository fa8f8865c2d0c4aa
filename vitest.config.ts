import { defineConfig } from 'vitest/config';

// One test command for everything: unit, integration, golden and browser tests.
// Pipeline and browser tests run real DuckDB and real Chromium, so they get generous timeouts;
// speed goals live in `npm run bench`, not here.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    globalSetup: ['test/global-tmp.ts'],
    // Most tests run a few real ORP, not the whole country: they score that part on purpose (pipeline/coverage.ts);
    // the coverage tests turn it off.
    env: { ISV_ALLOW_PARTIAL: '1' },
    reporters: ['default'],
  },
});
