import { defineConfig } from 'vitest/config';
import { budget } from './test/support/progress.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Limits that say "hung", not "slow", scaled by INNFRI_TEST_TIME_FACTOR on slower machines;
    // the long end-to-end tests are budgeted by progress instead (test/support/progress.ts).
    testTimeout: budget(120_000),
    hookTimeout: budget(240_000),
    // Two cores: keep the file workers to what the machine has, PGlite is CPU-bound.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
