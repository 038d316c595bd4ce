/**
 * The settings screen: theme, density, update channel and language take
 * effect at once, are written to settings.json and come back after a page
 * reload and after a restart of the services on the same user-data folder.
 * A bad backend address is refused with a sentence saying what to type; the
 * connection test finds the test's backend reachable and a closed port not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureHarnessAssets } from '../src/harness/build.js';
import { startHarness } from '../src/harness/server.js';
import { createConsoleServices } from '../src/main/services/index.js';
import { consoleEnv, expect, test } from './fixtures.js';
import type { ConsoleWorld } from './fixtures.js';
import { QueuePage, Settings } from './pages/index.js';

const fr = JSON.parse(readFileSync(new URL('../src/renderer/src/i18n/fr.json', import.meta.url), 'utf8')) as {
  settings: Record<string, string>;
};

const onDisk = (world: ConsoleWorld) =>
  JSON.parse(readFileSync(join(world.userDataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;

/** The page's background colour, as the person sees it (a string: e2e code has no DOM types). */
const background = (page: Page) => page.evaluate<string>('getComputedStyle(document.documentElement).backgroundColor');

/** What a restart shows: dark theme, one-line rows of 30 px, beta channel, English. */
async function expectSaved(page: Page): Promise<void> {
  const queue = new QueuePage(page);
  await queue.waitForRows();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await background(page)).toBe('rgb(20, 23, 28)');
  await expect.poll(async () => (await queue.rows.first().boundingBox())?.height).toBe(30);
  const settings = new Settings(page);
  await settings.open();
  await expect(settings.option('theme-dark')).toBeChecked();
  await expect(settings.option('density-compact')).toBeChecked();
  await expect(settings.option('update-channel-beta')).toBeChecked();
  await settings.close();
}

test('theme, density, update channel and language take effect and survive a reload and a restart', async ({
  consolePage: page,
  consoleWorld,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const settings = new Settings(page);
  await queue.waitForRows();
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background(page)).toBe('rgb(246, 247, 249)');
  expect((await queue.rows.first().boundingBox())?.height).toBe(52);

  await settings.open();
  await settings.setTheme('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await settings.setDensity('compact');
  await settings.setUpdateChannel('beta');
  await settings.setLanguage('en');
  await settings.close();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Compact: one line per row, and the list's rows follow one another at that height (no gaps, no overlap).
  const first = queue.rows.nth(0);
  const second = queue.rows.nth(1);
  await expect.poll(async () => (await first.boundingBox())?.height).toBe(30);
  const [a, b] = [await first.boundingBox(), await second.boundingBox()];
  expect((b?.y ?? 0) - (a?.y ?? 0)).toBe(30);
  const subject = await first.getByTestId('row-subject').boundingBox();
  const time = await first.getByTestId('row-age').boundingBox();
  expect(Math.abs((subject?.y ?? 0) - (time?.y ?? 100))).toBeLessThan(4);

  expect(onDisk(consoleWorld)).toMatchObject({
    theme: 'dark',
    density: 'compact',
    updateChannel: 'beta',
    language: 'en',
  });

  await page.reload();
  await expectSaved(page);

  // A restart of the services on the same user-data folder: everything comes back from settings.json. The page
  // leaves first, so its event stream does not try the closed harness again (a refused connection in the log).
  await page.goto('about:blank');
  await consoleWorld.harness.close();
  await consoleWorld.services.stop();
  const services = await createConsoleServices({
    userDataDir: consoleWorld.userDataDir,
    env: consoleEnv(backend.url),
  });
  const harness = await startHarness({ services, ...(await ensureHarnessAssets()), port: 0 });
  try {
    await page.goto(harness.url);
    await expectSaved(page);

    // "Same as the system" follows the system's colour scheme, live.
    await settings.open();
    await settings.setTheme('system');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await settings.setDensity('comfortable');
    await settings.close();
    await expect.poll(async () => (await queue.rows.first().boundingBox())?.height).toBe(52);
  } finally {
    // As above: the page leaves before its harness closes, or its event stream retries a closed port.
    await page.goto('about:blank');
    await harness.close();
    await services.stop();
  }
  expect(consoleErrors).toEqual([]);
});

test('a bad backend address is refused with a clear message; a good one is saved for the next start', async ({
  consolePage: page,
  consoleWorld,
  backend,
  consoleErrors,
}) => {
  const settings = new Settings(page);
  await new QueuePage(page).waitForRows();
  await settings.open();
  await expect(settings.backendInUse).toContainText(backend.url);

  for (const bad of ['ftp://support.example.ch', 'support.example.ch', 'javascript:alert(1)']) {
    await settings.backendUrl.fill(bad);
    await settings.backendSave.click();
    await expect(settings.backendUrl).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.backendHint).toHaveText(fr.settings.backendInvalid ?? '');
  }
  // The test button refuses it too, without asking main.
  await settings.backendTest.click();
  await expect(settings.backendProbe).toHaveCount(0);
  expect(onDisk(consoleWorld)).not.toHaveProperty('backendUrl');

  await settings.backendUrl.fill(`${backend.url}/`);
  await expect(settings.backendUrl).toHaveAttribute('aria-invalid', 'false');
  await settings.backendSave.click();
  await expect(settings.backendSaved).toHaveText(fr.settings.backendSaved ?? '');
  expect(onDisk(consoleWorld)).toMatchObject({ backendUrl: backend.url });
  expect(consoleErrors).toEqual([]);
});

test('export diagnostics from the settings screen: one zip in the user-data folder, named on screen, without the token', async ({
  consolePage: page,
  consoleWorld,
  consoleErrors,
}) => {
  const settings = new Settings(page);
  await new QueuePage(page).waitForRows();
  await settings.open();
  await settings.exportDiagnostics.click();
  const saved = page.locator('[data-testid="notice"][data-key="notice.diagnosticsSaved"]');
  await expect(saved).toContainText(join(consoleWorld.userDataDir, 'diagnostics', 'support-console-diagnostics-'));
  const path = (await saved.locator('.notice-detail').textContent()) ?? '';
  const entries = unzipSync(new Uint8Array(readFileSync(path)));
  expect(Object.keys(entries)).toEqual(
    expect.arrayContaining(['logs/console.log', 'settings.json', 'sync-status.json', 'versions.json']),
  );
  const everything = Object.values(entries)
    .map((bytes) => strFromU8(bytes))
    .join('\n');
  expect(everything).toContain('services started');
  expect(everything).not.toContain(consoleWorld.harness.token);
  expect(consoleErrors).toEqual([]);
});

test('test connection: the test backend is reachable, a closed port is a wrong address', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const settings = new Settings(page);
  await new QueuePage(page).waitForRows();
  await settings.open();

  await settings.backendUrl.fill(backend.url);
  await settings.backendTest.click();
  await expect(settings.backendProbe).toHaveAttribute('data-outcome', 'reachable');
  await expect(settings.backendProbe).toContainText(fr.settings['probe_reachable'] ?? '');

  // A port that was just free: nothing listens there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => {
    closed.close(() => {
      resolve();
    });
  });
  await settings.backendUrl.fill(`http://127.0.0.1:${String(port)}`);
  await settings.backendTest.click();
  await expect(settings.backendProbe).toHaveAttribute('data-outcome', 'wrong-address');
  await expect(settings.backendProbe).toContainText(fr.settings['probe_wrong-address'] ?? '');
  await expect(settings.backendProbe).toContainText('ECONNREFUSED');
  expect(consoleErrors).toEqual([]);
});

test('a bad value in settings.json is named on the screen, kept in the file until replaced, and the others still apply', async ({
  consolePage: page,
  consoleWorld,
  consoleErrors,
}) => {
  await new QueuePage(page).waitForRows();
  // As if someone edited the file by hand: a theme the console does not know, beside a good density.
  const file = join(consoleWorld.userDataDir, 'settings.json');
  writeFileSync(file, JSON.stringify({ ...onDisk(consoleWorld), theme: 'purple', density: 'compact', mine: 1 }));
  const settings = new Settings(page);
  await settings.open();
  await expect(settings.problems).toContainText('theme: Invalid option');
  await expect(settings.option('density-compact')).toBeChecked();
  await expect(settings.option('theme-system')).toBeChecked();
  expect(onDisk(consoleWorld)).toMatchObject({ theme: 'purple', mine: 1 });

  await settings.setTheme('dark');
  await expect(settings.problems).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Replaced, and nothing else lost: the agent, the density and the key the console does not know are still there.
  expect(onDisk(consoleWorld)).toMatchObject({
    theme: 'dark',
    density: 'compact',
    mine: 1,
    agent: { name: expect.any(String) },
  });
  expect(consoleErrors).toEqual([]);
});
