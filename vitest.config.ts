import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs (*.spec.ts under e2e/) are not vitest tests.
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'chaos/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['vitest.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: files run in parallel forks, tests in a file run in order.
    pool: 'forks',
  },
});
