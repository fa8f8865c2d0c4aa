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
    reporters: ['default'],
  },
});
