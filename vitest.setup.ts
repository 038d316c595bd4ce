/**
 * Once before every vitest run: build the app when its sources changed, so the
 * tests of the built artefacts (src/preload/built-preload.test.ts and the
 * built main process) run what would ship. Once, here: parallel test files
 * would otherwise start two builds into the same out/ folder.
 */
import { ensureAppBuild } from './src/harness/build.js';
import { testPostgresUrl, TEST_POSTGRES_ENV } from './src/server/testing/postgres.js';

export function setup(): void {
  ensureAppBuild();
  if (testPostgresUrl() === undefined) {
    console.log(
      `${TEST_POSTGRES_ENV} unset: the backend's tests run on SQLite only (.ci/run sets it to a local cluster).`,
    );
  }
}
