import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './e2e/chromium.js';

/**
 * e2e in Debian's Chromium (never a browser download: executablePath), each
 * test with its own harness, services and reference backend (e2e/fixtures.ts).
 * A setup project builds the renderer and the harness script when stale,
 * once, before the specs start. Tests share nothing (own ports, temp
 * folders), so two workers run them side by side on the two cores.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  workers: 2,
  fullyParallel: false,
  forbidOnly: true, // a stray .only must fail the run, locally too
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  projects: [
    { name: 'build', testMatch: '**/*.setup.ts' },
    { name: 'chromium', testMatch: '**/*.spec.ts', dependencies: ['build'] },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 820 },
    locale: 'fr-CH',
    timezoneId: 'Europe/Zurich',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
});
