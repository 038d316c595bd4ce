import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

/**
 * `npm run screenshots`: the e2e tests tagged @screenshot, writing their
 * pictures into docs/screenshots/ (the README's). `npm test` runs the same
 * tests with the default config, which keeps the pictures in test-results/,
 * so a test run never rewrites tracked files.
 */
export default defineConfig<{ docScreenshotsDir: string | null }>({
  ...base,
  projects: [
    { name: 'build', testMatch: '**/*.setup.ts' },
    {
      name: 'screenshots',
      testMatch: '**/*.spec.ts',
      grep: /@screenshot/u,
      dependencies: ['build'],
      use: { docScreenshotsDir: fileURLToPath(new URL('docs/screenshots/', import.meta.url)) },
    },
  ],
});
