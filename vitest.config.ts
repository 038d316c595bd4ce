import { defineConfig } from 'vitest/config';
import { TEST_POSTGRES_ENV } from './src/server/testing/postgres.js';

const postgres = process.env[TEST_POSTGRES_ENV];

/** What every project shares; the root's globalSetup (vitest.setup.ts) runs once for all of them. */
const common = {
  environment: 'node',
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // Files run in parallel forks, tests in a file run in order. Two at once: vitest's default is one fewer than
  // the cores (one here), and most files wait on HTTP, child processes or PostgreSQL rather than on a core.
  pool: 'forks',
  maxWorkers: 2,
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
      // The backend's own tests again on PostgreSQL: the same suite, on the storage testing/harness.ts starts
      // (BACKEND_TEST_STORAGE), plus the *.pg.test.ts that need PostgreSQL; on the cluster .ci/run starts.
      ...(postgres === undefined || postgres === ''
        ? []
        : [
            {
              test: {
                ...common,
                name: 'postgres',
                include: ['src/server/**/*.test.ts'],
                exclude: [
                  '**/node_modules/**',
                  // SQLite's own: its file format, its migrations, its one-connection lock. A test that checks
                  // what landed reads it through the backend's own storage (testing/harness.ts: `sql`,
                  // `storedCopiesOf`), so it runs here unchanged.
                  'src/server/db/schema.test.ts',
                  'src/server/db/sqlite-database.test.ts',
                ],
                env: { BACKEND_TEST_STORAGE: 'postgres' },
              },
            },
          ]),
    ],
  },
});
