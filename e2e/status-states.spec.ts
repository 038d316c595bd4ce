/**
 * The status bar tells the truth, in the built app: online; slow while the
 * backend answers late (its own words, not "offline"), online again when it
 * answers in time; offline when it is gone; and, on a cache file found
 * damaged at start, a rebuild that says why while it runs. Real backend
 * faults (latency), a real damaged file; screenshots of each state.
 */
import { NO_FAULTS } from '../src/server/faults.js';
import { expect, test } from './fixtures.js';
import { QueuePage, StatusBar } from './pages/index.js';

test.use({
  viewport: { width: 1280, height: 800 },
  // "Slow" after 1 s instead of 8, so the test does not wait for a person's patience.
  workerSettings: { safetyPullMs: 2_000, timeouts: { slowAfterMs: 1_000 } },
});

test('online, slow while the backend answers late, online again, then offline @screenshot', async ({
  consolePage: page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  const queue = new QueuePage(page);
  const statusBar = new StatusBar(page);
  await queue.waitForRows();
  await expect(statusBar.connection).toHaveAttribute('data-connection', 'online');
  await expect(statusBar.connection).toHaveText('En ligne');

  backend.current.setFaults({ ...NO_FAULTS, latencyMs: 2_500 });
  const [first] = backend.tickets();
  if (first === undefined) throw new Error('no ticket seeded');
  backend.updateTicket(first.id, { priority: first.priority === 'high' ? 'normal' : 'high' });
  await expect(statusBar.connection).toHaveAttribute('data-connection', 'slow');
  await expect(statusBar.connection).toHaveText('Connexion lente');
  await expect(page.getByTestId('status-slow-note')).toContainText('répond lentement');
  await expect(statusBar.offlineNote).toHaveCount(0);
  await docScreenshot('status-slow.png');

  backend.current.setFaults(NO_FAULTS);
  await expect(statusBar.connection).toHaveAttribute('data-connection', 'online');

  await backend.stop();
  await expect(statusBar.connection).toHaveAttribute('data-connection', 'offline');
  await expect(statusBar.offlineNote).toBeVisible();
  await docScreenshot('status-offline.png');
  await backend.start();
  await expect(statusBar.connection).toHaveAttribute('data-connection', 'online');
  expect(consoleErrors).toEqual([]);
});

test.describe('a cache file damaged before the start', () => {
  // What a disk error or a half-copied file leaves: no SQLite header at all.
  test.use({ userDataFiles: { 'cache.sqlite': Buffer.alloc(64 * 1024, 0x5a) } });

  test('is rebuilt from the backend, and the status says so while it runs @screenshot', async ({
    consolePage: page,
    backend,
    consoleErrors,
    docScreenshot,
  }) => {
    // Late answers keep the rebuild on screen long enough to be read (and photographed).
    backend.current.setFaults({ ...NO_FAULTS, latencyMs: 1_500 });
    const statusBar = new StatusBar(page);
    const rebuilding = page.getByTestId('status-rebuilding');
    await expect(rebuilding).toHaveAttribute('data-why', 'damaged');
    await expect(rebuilding).toHaveText('Reconstruction du cache (fichier endommagé)');
    await docScreenshot('status-rebuilding.png');
    backend.current.setFaults(NO_FAULTS);
    await new QueuePage(page).waitForRows();
    await expect(rebuilding).toHaveCount(0);
    await expect(statusBar.lastSync).not.toContainText('jamais');
    expect(consoleErrors).toEqual([]);
  });
});
