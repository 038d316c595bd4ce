/**
 * Builds the renderer and the harness script once, before any spec runs
 * (a setup project the specs depend on): with two workers, each fixture's own
 * staleness check would otherwise start two builds into the same out/ folder.
 */
import { test as setup } from '@playwright/test';
import { ensureHarnessAssets } from '../src/harness/build.js';

setup('build the renderer and the harness script when stale', async () => {
  setup.setTimeout(180_000);
  await ensureHarnessAssets();
});
