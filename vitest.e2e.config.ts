import { defineConfig } from 'vitest/config';

// End-to-end tests: a real server process + Chromium (playwright-core). No globalSetup of the unit/integration suite.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
