import { defineConfig } from 'vitest/config';
import { TEST_POSTGRES_ENV } from './src/server/testing/postgres.js';

const postgres = process.env[TEST_POSTGRES_ENV];

/** What every project shares; the root's globalSetup (vitest.setup.ts) runs once for all of them. */
const common = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Two cores: files run in parallel forks, tests in a file run in order.
  pool: 'forks',
} as const;

export default defineConfig({
  test: {
    globalSetup: ['vitest.setup.ts'],
    projects: [
      {
        test: {
          ...common,
          name: 'sqlite',
          // Playwright specs (*.spec.ts under e2e/) are not vitest tests; *.pg.test.ts need PostgreSQL.
          include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'chaos/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.pg.test.ts'],
        },
      },
      // The tests that need PostgreSQL (*.pg.test.ts), on the cluster .ci/run starts.
      ...(postgres === undefined || postgres === ''
        ? []
        : [
            {
              test: {
                ...common,
                name: 'postgres',
                include: ['src/server/**/*.pg.test.ts'],
              },
            },
          ]),
    ],
  },
});
