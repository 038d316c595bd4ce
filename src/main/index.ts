/**
 * The composition root: app lifecycle and wiring only. Everything the
 * console does lives in the services (src/main/services, no Electron); the
 * desktop shell's rules live in src/main/shell and src/main/windows, each a
 * plain function tested with a recording fake of `electron`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  crashReporter,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { appOriginOf, registerHandlers } from './ipc/handle.js';
import type { Role } from '../shared/entities.js';
import type { Handlers } from '../shared/ipc-handlers.js';
import type { SessionState } from '../shared/ipc-shell.js';
import { diagnosticsFileName } from './diagnostics/archive.js';
import type { Logger } from './diagnostics/logger.js';
import { DEFAULT_LANGUAGE } from './features/session/stored-session.js';
import { logFailures } from './diagnostics/handlers.js';
import { createConsoleServices } from './services/index.js';
import { createAttention } from './shell/attention.js';
import { watchCrashes } from './shell/crashes.js';
import { createSafeStorageVault } from './shell/credentials.js';
import { claimSingleInstance, createLinkQueue } from './shell/deep-links.js';
import { externalLinkHosts, externalLinkPolicy } from './shell/external-links.js';
import { guardPermissions, guardWebContents } from './shell/guards.js';
import { buildMenuTemplate } from './shell/menu.js';
import { createNotifier } from './shell/notifications.js';
import { startReminders } from './shell/reminders.js';
import { APP_ENTRY_URL, APP_ORIGIN, installAppProtocol, registerAppScheme } from './shell/protocol.js';
import { startAutoUpdate, updateChannel, updateFeedUrl } from './shell/updater.js';
import type { UpdateControl } from './shell/updater.js';
import { readSettings } from './features/settings/settings-file.js';
import { createMainWindow, focusWindow, protectFromCapture } from './windows/main-window.js';
import type { BrowserWindow } from 'electron';

const here = fileURLToPath(new URL('.', import.meta.url));
// The dev server only in development: a packaged app never loads pages from the network.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const appOrigins = [APP_ORIGIN, ...(devUrl ? [appOriginOf(devUrl)] : [])].filter((o): o is string => o !== null);
const iconPath = app.isPackaged
  ? join(process.resourcesPath, 'icon.png')
  : join(app.getAppPath(), 'resources', 'icon.png');

// Before 'ready': privileges of the app scheme, and the sandbox for every renderer whatever a window asks.
registerAppScheme(protocol);
app.enableSandbox();
// Minidumps stay on this machine (<userData>/Crashpad): nothing is sent anywhere.
crashReporter.start({ uploadToServer: false, productName: 'Support Console', compress: true });

// The log opens with the services (after 'ready'); what happens before waits for it.
let log: Logger | null = null;
const early: ((l: Logger) => void)[] = [];
const logSoon = (write: (l: Logger) => void): void => {
  if (log) write(log);
  else early.push(write);
};

let win: BrowserWindow | null = null;
const links = createLinkQueue();
const showWindow = (): void => {
  if (win) focusWindow(win);
};

const primary = claimSingleInstance(app, {
  argv: process.argv,
  focus: showWindow,
  open: (link) => {
    links.push(link);
  },
  refused: (raw) => {
    logSoon((l) => {
      l.warn({ link: raw.slice(0, 100) }, 'deep link refused');
    });
  },
  // `electron .` in development: Windows must relaunch the script, not just the binary.
  ...(process.defaultApp && process.argv[1] ? { defaultAppArgs: [process.execPath, process.argv[1]] } : {}),
});

async function main(): Promise<void> {
  await app.whenReady();
  const userDataDir = app.getPath('userData');
  // Read once for the shell's start; ignored values stay in the file for the person to fix (the settings screen lists them too).
  const settingsRead = readSettings(userDataDir);
  const settings = settingsRead.values;
  for (const problem of settingsRead.problems) console.warn('[settings]', problem.message);
  // The window frame and native menus follow the console's theme.
  nativeTheme.themeSource = settings.theme ?? 'system';

  const services = await createConsoleServices({
    userDataDir,
    env: process.env,
    vault: await createSafeStorageVault(safeStorage, userDataDir),
    // electron-vite emits the worker entries beside index.js (electron.vite.config.ts).
    workerUrl: new URL('./sync-worker.js', import.meta.url),
    workerSettings: { feedReaderUrl: new URL('./feed-reader-worker.js', import.meta.url).href },
    appVersion: app.getVersion(),
  });
  const servicesLog = services.log;
  log = servicesLog;
  for (const write of early.splice(0)) write(servicesLog);
  const { backendUrl } = await services.handlers['session:state']();
  const guardOptions = {
    appOrigins,
    links: externalLinkPolicy(externalLinkHosts(settings), backendUrl),
    openExternal: (url: string) => shell.openExternal(url),
    onRefused: (what: string, url: string) => {
      servicesLog.warn({ what, url: url.slice(0, 100) }, 'guard refused');
    },
  };
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, guardOptions);
  });
  guardPermissions(session.defaultSession, appOrigins);
  installAppProtocol(protocol, join(here, '../renderer'));

  const send = (channel: Parameters<Parameters<typeof services.subscribe>[0]>[0], payload: unknown): void => {
    if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
  };
  let menuLanguage = settings.language ?? DEFAULT_LANGUAGE;
  // The desks in the View menu follow the roles the window was told (session:get), none when signed out.
  let menuRoles: readonly Role[] = [];
  const setMenu = (language: typeof menuLanguage, roles = menuRoles): void => {
    menuLanguage = language;
    menuRoles = roles;
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          platform: process.platform,
          language,
          isDev: !app.isPackaged,
          roles,
          send: (command) => {
            send('shell:menu', { command });
          },
        }),
      ),
    );
  };
  setMenu(menuLanguage);

  let updates: UpdateControl | null = null;
  // What needs the OS: where to save the diagnostics (a save dialog), and the installed app's updates.
  const desktopComforts = logFailures<Partial<Handlers>>(
    {
      'shell:exportDiagnostics': async () => {
        const options = {
          defaultPath: join(app.getPath('downloads'), diagnosticsFileName(new Date())),
          filters: [{ name: 'Zip', extensions: ['zip'] }],
        };
        const chosen = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        if (chosen.canceled || !chosen.filePath) return { saved: false };
        return { saved: true, ...services.exportDiagnosticsTo(chosen.filePath) };
      },
      'shell:checkForUpdates': () => updates?.check() ?? { state: 'failed' },
      'shell:installUpdate': () => ({ installing: updates?.install() ?? false }),
    },
    servicesLog,
  );
  const handlers: Handlers = {
    ...services.handlers,
    ...desktopComforts,
    'settings:setLanguage': async (language) => {
      const answer = await services.handlers['settings:setLanguage'](language);
      setMenu(language);
      return answer;
    },
    'session:get': async () => {
      const answer = await services.handlers['session:get']();
      if (answer.agent.roles.join() !== menuRoles.join()) setMenu(menuLanguage, answer.agent.roles);
      return answer;
    },
    'settings:update': async (patch) => {
      const view = await services.handlers['settings:update'](patch);
      nativeTheme.themeSource = view.theme;
      return view;
    },
    // The page asks for the session once it listens to shell events: links that started the app go then.
    'session:state': () => {
      links.drainTo((link) => {
        showWindow();
        send('shell:open', link);
      });
      return services.handlers['session:state']();
    },
    'shell:protectContent': (on) => {
      if (!win) return { protected: false };
      protectFromCapture(win, on);
      // Linux has no capture protection; say so rather than pretend.
      return { protected: on && (process.platform === 'win32' || process.platform === 'darwin') };
    },
  };
  registerHandlers(ipcMain, handlers, appOrigins, servicesLog);

  win = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    userDataDir,
    screen,
    icon: iconPath,
    log: servicesLog,
  });
  let quitting = false;
  watchCrashes(app, dialog, {
    language: () => menuLanguage,
    log: servicesLog,
    window: () => win,
    quitting: () => quitting,
  });
  // Tray icons are drawn at 16–32 px; the app icon is 1024.
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 32, height: 32 }));
  tray.setToolTip('Support Console');
  tray.on('click', showWindow);
  const attention = createAttention(handlers, {
    setBadgeCount: (count) => app.setBadgeCount(count),
    setTooltip: (text) => {
      tray.setToolTip(text);
    },
  });
  const notifier = createNotifier(
    { isSupported: () => Notification.isSupported(), create: (options) => new Notification(options) },
    (record) => {
      showWindow();
      if (record) send('shell:open', record);
    },
  );
  const reminders = startReminders({
    handlers,
    now: () => new Date(),
    show: (alert) => {
      notifier.show(alert);
    },
  });
  services.subscribe((channel, payload) => {
    send(channel, payload);
    if (channel === 'tickets:changed') attention.refresh();
    else if (channel === 'recovery:changed') reminders.recoveryChanged();
    else if (channel === 'shell:alert') notifier.show(payload as Parameters<typeof notifier.show>[0]);
    else if (channel === 'session:changed' && !(payload as SessionState).signedIn && menuRoles.length > 0)
      setMenu(menuLanguage, []);
  });
  attention.refresh();

  await win.loadURL(devUrl ?? APP_ENTRY_URL);

  updates = await startAutoUpdate({
    isPackaged: app.isPackaged,
    feedUrl: updateFeedUrl(process.env, settings),
    channel: updateChannel(settings),
    load: async () => (await import('electron-updater')).autoUpdater,
    log: servicesLog,
    onDownloaded: (version) => {
      send('shell:updateReady', { version });
    },
  });
  const updateControl = updates;

  app.on('window-all-closed', () => {
    app.quit();
  });
  app.on('before-quit', (event) => {
    if (quitting) return;
    // Hold the quit until the worker has committed and the cache is closed cleanly (no health check next start).
    event.preventDefault();
    quitting = true;
    attention.stop();
    reminders.stop();
    updateControl.stop();
    tray.destroy();
    void services.stop().finally(() => {
      app.quit();
    });
  });
}

if (primary) {
  main().catch((error: unknown) => {
    if (log) log.fatal({ err: error }, 'could not start');
    // Also on stderr: when the services did not start there is no log file to read.
    else console.error('Support Console could not start:', error);
    app.exit(1);
  });
}
