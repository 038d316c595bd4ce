/**
 * The console's windows, hardened per the Electron security checklist: every
 * window is made by `createSecureWindow`, whose web preferences cannot be
 * loosened by a caller (the hardened keys are applied last). Navigation,
 * window.open, permissions and webviews are guarded for every web contents in
 * shell/guards.ts.
 */
import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions, Screen } from 'electron';
import { fitToDisplays, MIN_SIZE, readWindowState, writeWindowState } from '../shell/window-state.js';
import type { Logger } from 'pino';

/**
 * Every window of the console goes through here. The preferences are written
 * out in the constructor call (not built elsewhere) so that a reader, and
 * Electronegativity's static scan, see them at the one place windows are
 * made; they come after the caller's options, so nothing can loosen them.
 */
export function createSecureWindow(
  preloadPath: string,
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click opens links through a path window.open guards do not see.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
}

/**
 * Keeps identity documents out of screenshots and screen sharing where the OS
 * allows it (Windows, macOS; Linux has no such API: a no-op there). The
 * recovery desk turns it on while a document is shown.
 */
export function protectFromCapture(win: Pick<BrowserWindow, 'setContentProtection'>, on = true): void {
  win.setContentProtection(on);
}

export interface MainWindowOptions {
  preloadPath: string;
  userDataDir: string;
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  icon?: string;
  /** Where a failure to remember the window's place is written (the console's log). */
  log?: Pick<Logger, 'error'>;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const primary = opts.screen.getPrimaryDisplay();
  const areas = [primary, ...opts.screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const placed = fitToDisplays(readWindowState(opts.userDataDir), areas);
  const win = createSecureWindow(opts.preloadPath, {
    ...placed.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Support Console',
    backgroundColor: '#f6f7f9',
    ...(opts.icon === undefined ? {} : { icon: opts.icon }),
  });
  win.once('ready-to-show', () => {
    if (placed.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      writeWindowState(opts.userDataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      opts.log?.error({ err: error }, 'could not remember the window place');
    }
  });
  return win;
}

/** Brings a window to the front (second launch, deep link, notification click). */
export function focusWindow(win: BrowserWindow): void {
  if (win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  if (!win.isVisible()) win.show();
  win.focus();
}
