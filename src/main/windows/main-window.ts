/**
 * The console's window: hardened per the Electron security checklist
 * (issue 6 adds the custom protocol, CSP headers and permission handlers).
 */
import { BrowserWindow, shell } from 'electron';
import type { WebContents } from 'electron';

export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: true,
  };
}

/** Navigation away from the app and new windows are refused; http(s) links go to the system browser. */
export function guardNavigation(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== appOrigin) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Support Console',
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => {
    win.show();
  });
  return win;
}
