/**
 * The composition root, run for real against the recording Electron fake:
 * the order of the start (scheme privileges and sandbox before ready, the
 * protocol after), the window, the IPC door on the app origin, the guards on
 * every new web contents, the menu and tray, deep links from argv and from a
 * second launch, capture protection, and a quit that waits for the services.
 * A remote backend nobody signed in to: no sync worker starts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../shared/ipc.js';
import { tempDir } from './db/test-fixtures.js';
import { APP_ENTRY_URL, APP_ORIGIN } from './shell/protocol.js';
import {
  app,
  crashReporter,
  dialog,
  FakeBrowserWindow,
  FakeWebContents,
  fakeEvent,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  resetFakeElectron,
  session,
  Tray,
} from './shell/testing/fake-electron.js';
import { waitFor } from './sync/test-support.js';

vi.mock('electron', () => import('./shell/testing/fake-electron.js'));

type Listener = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const call = (channel: string, url: string, ...args: unknown[]) => {
  const listener = ipcMain.handlers.get(channel) as Listener | undefined;
  if (!listener) throw new Error(`no handler for ${channel}`);
  return listener({ senderFrame: { url, parent: null } }, ...args);
};
const saved = { argv: [...process.argv], env: { ...process.env } };
let win: FakeBrowserWindow;

beforeAll(async () => {
  resetFakeElectron();
  app.userData = tempDir('shell-index');
  process.env.SUPPORT_CONSOLE_BACKEND_URL = 'http://127.0.0.1:9';
  delete process.env.SUPPORT_CONSOLE_LOGIN;
  delete process.env.ELECTRON_RENDERER_URL;
  process.argv.push('support-console://ticket/T-9');
  await import('./index.js');
  await waitFor(() => FakeBrowserWindow.created[0]?.loadedUrl != null, 30_000);
  const first = FakeBrowserWindow.created[0];
  if (!first) throw new Error('no window');
  win = first;
});
afterAll(() => {
  process.argv.splice(0, process.argv.length, ...saved.argv);
  process.env = saved.env;
});

describe('the composition root', () => {
  it('sets scheme privileges and the sandbox before ready, serves the app protocol after', () => {
    expect(app.sandboxEnabled).toBe(true);
    const order = app.calls.filter((c) => ['registerSchemesAsPrivileged', 'whenReady', 'protocol.handle'].includes(c));
    expect(order).toEqual(['registerSchemesAsPrivileged', 'whenReady', 'protocol.handle']);
    expect(protocol.handlers.has('app')).toBe(true);
    expect(app.protocolClients).toEqual([['support-console']]);
  });

  it('opens one hardened window on the app protocol', () => {
    expect(FakeBrowserWindow.created).toHaveLength(1);
    expect(win.loadedUrl).toBe(APP_ENTRY_URL);
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('answers IPC from the app origin only, on exactly the contract channels', async () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    await expect(call('sync:status', 'https://example.com/')).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    await expect(call('session:state', `${APP_ORIGIN}/index.html`)).resolves.toMatchObject({
      ok: true,
      value: { backend: 'remote', signedIn: false },
    });
  });

  it('delivers the link it was started with once the page asks for the session', () => {
    expect(win.webContents.sent).toContainEqual({ channel: 'shell:open', payload: { kind: 'ticket', id: 'T-9' } });
  });

  it('focuses the window and opens the link of a second launch', () => {
    win.minimized = true;
    app.emit('second-instance', fakeEvent(), ['/opt/support-console', 'support-console://recovery/R-1']);
    expect(win).toMatchObject({ minimized: false, focused: true });
    expect(win.webContents.sent).toContainEqual({ channel: 'shell:open', payload: { kind: 'recovery', id: 'R-1' } });
    app.emit('second-instance', fakeEvent(), ['/opt/support-console', 'support-console://ticket/../../x']);
    expect(win.webContents.sent.filter((m) => m.channel === 'shell:open')).toHaveLength(2);
  });

  it('guards every web contents created from now on, and denies permissions but notifications', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com.attacker.test/' })).toEqual({ action: 'deny' });
    const nav = fakeEvent();
    contents.emit('will-navigate', nav, 'file:///etc/passwd');
    expect(nav.defaultPrevented).toBe(true);
    const answer: { granted?: boolean } = {};
    session.defaultSession.requestHandler?.(contents, 'media', (g) => (answer.granted = g), {
      requestingUrl: APP_ENTRY_URL,
    });
    expect(answer.granted).toBe(false);
  });

  it('gives the window frame the theme chosen in the settings', async () => {
    expect(nativeTheme.themeSource).toBe('system');
    await expect(call('settings:update', `${APP_ORIGIN}/index.html`, { theme: 'dark' })).resolves.toMatchObject({
      ok: true,
      value: { theme: 'dark' },
    });
    expect(nativeTheme.themeSource).toBe('dark');
  });

  it('has a menu and a tray icon at tray size', () => {
    expect(Menu.applied).not.toBeNull();
    expect(Tray.created).toHaveLength(1);
    expect(Tray.created[0]?.image).toMatchObject({ size: 32 });
  });

  it('protects the window from capture on request', async () => {
    await call('shell:protectContent', `${APP_ORIGIN}/`, true);
    expect(win.contentProtection).toBe(true);
    await call('shell:protectContent', `${APP_ORIGIN}/`, false);
    expect(win.contentProtection).toBe(false);
  });

  it('starts the crash reporter before ready, keeping dumps local, and watches for dying processes', () => {
    expect(app.calls.indexOf('crashReporter.start')).toBeLessThan(app.calls.indexOf('whenReady'));
    expect(crashReporter.started).toEqual([expect.objectContaining({ uploadToServer: false })]);
    expect(app.listeners.get('render-process-gone')).toHaveLength(1);
    expect(app.listeners.get('child-process-gone')).toHaveLength(1);
  });

  it('saves the diagnostics archive where the person chooses, and nothing when they cancel', async () => {
    app.downloads = tempDir('shell-index-downloads');
    const target = join(app.downloads, 'diagnostics.zip');
    dialog.savePaths.push(target, null);
    const saved = await call('shell:exportDiagnostics', `${APP_ORIGIN}/`);
    expect(saved).toMatchObject({ ok: true, value: { saved: true, path: target } });
    expect(existsSync(target)).toBe(true);
    expect(dialog.saves[0]?.defaultPath).toMatch(/support-console-diagnostics-.*\.zip$/);
    await expect(call('shell:exportDiagnostics', `${APP_ORIGIN}/`)).resolves.toEqual({
      ok: true,
      value: { saved: false },
    });
  });

  it('says an unpackaged build does not update itself, and has nothing to install', async () => {
    await expect(call('shell:checkForUpdates', `${APP_ORIGIN}/`)).resolves.toEqual({
      ok: true,
      value: { state: 'not-packaged' },
    });
    await expect(call('shell:installUpdate', `${APP_ORIGIN}/`)).resolves.toEqual({
      ok: true,
      value: { installing: false },
    });
  });

  it('logs into <userData>/logs what it refused: a foreign sender, a malformed deep link', () => {
    const text = readFileSync(join(app.userData, 'logs', 'console.log'), 'utf8');
    expect(text).toContain('"msg":"services started"');
    expect(text).toContain('"msg":"ipc: refused a foreign sender"');
    expect(text).toContain('"msg":"deep link refused"');
  });

  it('holds the quit until the services have stopped', async () => {
    const quit = fakeEvent();
    app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await waitFor(() => app.quitCalls > 0, 20_000);
    expect(Tray.created[0]?.destroyed).toBe(true);
  });
});
