/**
 * The composition root: app lifecycle and wiring only. Every rule lives in a
 * plain module it wires together (backend choice, cache, sync worker, IPC).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import type { SyncStatus } from '../shared/ipc.js';
import { chooseBackend } from './backend/backend-config.js';
import { EMBEDDED_DEMO_LOGIN, startEmbeddedBackend } from './backend/embedded.js';
import { openCache } from './db/index.js';
import { registerHandlers, appOriginOf } from './ipc/handle.js';
import { categoryCounts } from './queues/category-counts.js';
import { initialSyncStatus, reduceSyncStatus } from './status/sync-status.js';
import { startSyncWorker } from './sync/worker.js';
import { createMainWindow, guardNavigation } from './windows/main-window.js';

const here = fileURLToPath(new URL('.', import.meta.url));

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const userData = app.getPath('userData');

  const choice = chooseBackend(process.env, userData);
  const embedded = choice.kind === 'embedded' ? await startEmbeddedBackend(choice.dataDir) : null;
  const baseUrl = embedded?.url ?? (choice.kind === 'remote' ? choice.url : '');
  // Sign-in for another backend arrives with the shell work (issue 6); until then it reads the environment.
  const credentials = embedded
    ? EMBEDDED_DEMO_LOGIN
    : { login: process.env.SUPPORT_CONSOLE_LOGIN ?? '', password: process.env.SUPPORT_CONSOLE_PASSWORD ?? '' };

  const cacheFile = join(userData, 'cache.sqlite');
  const cache = openCache(cacheFile, { owner: true });
  let status: SyncStatus = initialSyncStatus(
    { kind: embedded ? 'embedded' : 'remote', url: baseUrl },
    cache.health.rebuilt ? cache.health.reason : null,
  );

  const rendererUrl = process.env.ELECTRON_RENDERER_URL;
  const appOrigins = [rendererUrl ? appOriginOf(rendererUrl) : 'file://'].filter((o): o is string => o !== null);
  registerHandlers(
    ipcMain,
    {
      'sync:status': () => status,
      'queue:counts': (language) => categoryCounts(cache.reader, language),
    },
    appOrigins,
  );

  const sync = startSyncWorker({ dbPath: cacheFile, baseUrl, ...credentials });
  sync.events.subscribe((event) => {
    status = reduceSyncStatus(status, event);
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send('sync:status', status);
  });

  const win = createMainWindow(join(here, '../preload/index.cjs'));
  guardNavigation(win.webContents, appOrigins[0] ?? 'file://');
  if (rendererUrl) await win.loadURL(rendererUrl);
  else await win.loadFile(join(here, '../renderer/index.html'));

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    app.quit();
  });
  app.on('before-quit', () => {
    void sync.stop().finally(() => {
      cache.close();
      void embedded?.close();
    });
  });
}

main().catch((error: unknown) => {
  console.error('Support Console could not start:', error);
  app.exit(1);
});
