import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'properties/**/*.test.ts', 'test/**/*.test.ts'],
    // coverage is c8's (scripts/coverage.mjs): each test file flushes its V8 coverage here
    setupFiles: ['test/support/flush-coverage.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
