/**
 * Builds the app (main, preload, renderer: electron-vite) and the harness's
 * preload shim once, before any spec runs (a setup project the specs depend
 * on): with two workers, each fixture's own staleness check would otherwise
 * start two builds into the same out/ folder.
 */
import { test as setup } from '@playwright/test';
import { ensureHarnessAssets } from '../src/harness/build.js';

setup('build the app and the preload shim when stale', async () => {
  setup.setTimeout(180_000);
  await ensureHarnessAssets();
});
