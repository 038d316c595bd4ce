/**
 * The shell's comforts as the person sees them, in Chromium through the
 * harness. The test stands in for the desktop menu and the updater: it sends
 * the events main would (`shell:menu` for Export diagnostics… and Check for
 * updates…, `shell:updateReady` for a downloaded update) down the same event
 * stream; everything else runs for real (the renderer, the services writing
 * the archive, the harness's answers).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureHarnessAssets } from '../src/harness/build.js';
import { startHarness } from '../src/harness/server.js';
import { createConsoleServices } from '../src/main/services/index.js';
import type { ServiceListener } from '../src/main/services/index.js';
import { consoleEnv, expect, test } from './fixtures.js';
import { QueuePage } from './pages/index.js';

test('export diagnostics and check for updates from the menu; a downloaded update offers a restart', async ({
  page,
  backend,
  consoleErrors,
}) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-shell-'));
  const services = await createConsoleServices({
    userDataDir,
    env: consoleEnv(backend.url),
  });
  // The page's listeners, so the test can send what the Electron shell would.
  const pages = new Set<ServiceListener>();
  const harness = await startHarness({
    services: {
      handlers: services.handlers,
      subscribe: (listener) => {
        pages.add(listener);
        const off = services.subscribe(listener);
        return () => {
          pages.delete(listener);
          off();
        };
      },
    },
    ...(await ensureHarnessAssets()),
    port: 0,
  });
  const asMain: ServiceListener = (channel, payload) => {
    for (const l of pages) l(channel, payload);
  };
  try {
    await page.goto(harness.url);
    await new QueuePage(page).waitForRows();
    const notice = (key: string) => page.locator(`[data-testid="notice"][data-key="${key}"]`);

    asMain('shell:menu', { command: 'export-diagnostics' });
    const saved = notice('notice.diagnosticsSaved');
    await expect(saved).toContainText('Diagnostic enregistré');
    await expect(saved).toContainText(join(userDataDir, 'diagnostics', 'support-console-diagnostics-'));
    const path = (await saved.locator('.notice-detail').textContent()) ?? '';
    expect(path).toMatch(/\.zip$/);
    expect(existsSync(path)).toBe(true);

    asMain('shell:menu', { command: 'check-updates' });
    await expect(notice('notice.updateNotPackaged')).toContainText('ne se met pas à jour elle-même');

    asMain('shell:updateReady', { version: '1.2.3' });
    asMain('shell:updateReady', { version: '1.2.3' });
    const ready = notice('notice.updateReady');
    await expect(ready).toHaveCount(1);
    await expect(ready).toContainText('La version 1.2.3 est prête');
    await ready.getByTestId('notice-action').click();
    // The browser console has nothing to install: the notice goes, nothing fails.
    await expect(ready).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  } finally {
    await harness.close();
    await services.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
