/**
 * The composition root: app lifecycle and wiring only. Everything the
 * console does lives in the services (src/main/services, no Electron); this
 * file opens the hardened window, registers the IPC door and forwards the
 * services' events to the window.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, ipcMain } from 'electron';
import { registerHandlers, appOriginOf } from './ipc/handle.js';
import { createConsoleServices } from './services/index.js';
import { createMainWindow, guardNavigation } from './windows/main-window.js';

const here = fileURLToPath(new URL('.', import.meta.url));

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();

  const services = await createConsoleServices({
    userDataDir: app.getPath('userData'),
    env: process.env,
    // electron-vite emits the worker entry beside index.js (electron.vite.config.ts).
    workerUrl: new URL('./sync-worker.js', import.meta.url),
  });

  const rendererUrl = process.env.ELECTRON_RENDERER_URL;
  const appOrigins = [rendererUrl ? appOriginOf(rendererUrl) : 'file://'].filter((o): o is string => o !== null);
  registerHandlers(ipcMain, services.handlers, appOrigins);

  const win = createMainWindow(join(here, '../preload/index.cjs'));
  guardNavigation(win.webContents, appOrigins[0] ?? 'file://');
  services.subscribe((channel, payload) => {
    if (!win.isDestroyed()) win.webContents.send(channel, payload);
  });
  if (rendererUrl) await win.loadURL(rendererUrl);
  else await win.loadFile(join(here, '../renderer/index.html'));

  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    app.quit();
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Hold the quit until the worker has committed and the cache is closed cleanly (no health check next start).
    event.preventDefault();
    quitting = true;
    void services.stop().finally(() => {
      app.quit();
    });
  });
}

main().catch((error: unknown) => {
  console.error('Support Console could not start:', error);
  app.exit(1);
});
