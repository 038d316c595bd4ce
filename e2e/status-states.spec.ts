/**
 * The status bar tells the truth, in the built app: online; slow while the
 * backend answers late (its own words, not "offline"), online again when it
 * answers in time; offline when it is gone; a local storage problem (a full
 * disk, a cache that cannot be written, a damaged file) with what happens
 * next; and a rebuild that says why while it runs (a damaged file, a key that
 * no longer opens it). Real backend faults (latency), real files (damaged,
 * sealed with another key), the sync worker's own connection made to meet a
 * full or read-only disk (`diskFault`); screenshots of each state.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCache } from '../src/main/db/connection.js';
import { NO_FAULTS } from '../src/server/faults.js';
import { expect, test } from './fixtures.js';
import { QueuePage, StatusBar } from './pages/index.js';

/** A cache the console synced once, sealed with a key its vault no longer has (a lost or replaced key). */
function cacheSealedWithAnotherKey(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sc-e2e-sealed-'));
  try {
    const file = join(dir, 'cache.sqlite');
    // Closing the only connection checkpoints the WAL: the file alone is the whole cache.
    openCache(file, { owner: true, key: randomBytes(32) }).close();
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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
  await backend.updateTicket(first.id, { priority: first.priority === 'high' ? 'normal' : 'high' });
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
    // The storage problem, with what happens next, for as long as it happens.
    const storage = page.getByTestId('status-storage');
    await expect(storage).toHaveAttribute('data-problem', 'damaged');
    await expect(storage).toContainText('Cache local endommagé : il est reconstruit depuis le serveur.');
    await expect(storage).toContainText('Vos actions non envoyées sont conservées.');
    await docScreenshot('status-rebuilding.png');
    backend.current.setFaults(NO_FAULTS);
    await new QueuePage(page).waitForRows();
    await expect(rebuilding).toHaveCount(0);
    await expect(storage).toHaveCount(0);
    await expect(statusBar.lastSync).not.toContainText('jamais');
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('a cache file the vault key no longer opens', () => {
  // The key was lost or replaced (another machine's profile, a reset keychain): the file is sound but sealed.
  test.use({ userDataFiles: { 'cache.sqlite': cacheSealedWithAnotherKey() } });

  test('is rebuilt from the backend, said as a lost key, not as a damaged disk @screenshot', async ({
    consolePage: page,
    backend,
    consoleErrors,
    docScreenshot,
  }) => {
    backend.current.setFaults({ ...NO_FAULTS, latencyMs: 1_500 });
    const rebuilding = page.getByTestId('status-rebuilding');
    await expect(rebuilding).toHaveAttribute('data-why', 'keyLost');
    await expect(rebuilding).toHaveText('Reconstruction du cache (clé de chiffrement perdue)');
    await expect(page.getByTestId('status-storage')).toHaveCount(0);
    await docScreenshot('status-key-lost.png');
    backend.current.setFaults(NO_FAULTS);
    await new QueuePage(page).waitForRows();
    await expect(rebuilding).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('a disk that fills up during the first sync', () => {
  // The sync worker may grow the cache to 150 pages: the urgent tickets of the 400 seeded fit (about 120
  // pages), the history does not (about 210).
  test.use({
    workerSettings: { safetyPullMs: 2_000, timeouts: { slowAfterMs: 1_000 }, diskFault: { maxPageCount: 150 } },
  });

  test('says the disk is full and that the sync resumes by itself, not "offline" @screenshot', async ({
    consolePage: page,
    consoleErrors,
    docScreenshot,
  }) => {
    const statusBar = new StatusBar(page);
    const storage = page.getByTestId('status-storage');
    await expect(storage).toHaveAttribute('data-problem', 'full');
    await expect(storage).toContainText('Disque plein : les nouveautés du serveur ne sont plus enregistrées.');
    await expect(storage).toContainText('Libérez de la place ; la synchro reprend d’elle-même.');
    // What did fit is usable: the urgent work, and the sidebar's counts of it.
    await new QueuePage(page).waitForRows();
    await expect(page.locator('[data-testid^="category-"]').first()).toBeVisible();
    await expect(statusBar.connection).toHaveAttribute('data-connection', 'online');
    await expect(statusBar.offlineNote).toHaveCount(0);
    await docScreenshot('status-disk-full.png');
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('a cache that cannot be written', () => {
  test.use({ workerSettings: { safetyPullMs: 2_000, diskFault: { readOnly: true } } });

  test('says so and that the sync keeps trying, while the backend is reachable @screenshot', async ({
    consolePage: page,
    consoleErrors,
    docScreenshot,
  }) => {
    const statusBar = new StatusBar(page);
    const storage = page.getByTestId('status-storage');
    await expect(storage).toHaveAttribute('data-problem', 'read-only');
    await expect(storage).toContainText('Le cache local ne peut pas être écrit');
    await expect(storage).toContainText('Vérifiez le disque ; la synchro réessaie.');
    await expect(statusBar.connection).toHaveAttribute('data-connection', 'online');
    await expect(statusBar.offlineNote).toHaveCount(0);
    await docScreenshot('status-read-only.png');
    expect(consoleErrors).toEqual([]);
  });
});
