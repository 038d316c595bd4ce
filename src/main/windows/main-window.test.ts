import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, resetFakeElectron, screen } from '../shell/testing/fake-electron.js';
import { createMainWindow, createSecureWindow, focusWindow, protectFromCapture } from './main-window.js';

vi.mock('electron', () => import('../shell/testing/fake-electron.js'));

const HARDENED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  disableBlinkFeatures: 'Auxclick',
  navigateOnDragDrop: false,
};

const userData = () => mkdtempSync(join(tmpdir(), 'shell-window-'));
const screenOf = (...areas: { x: number; y: number; width: number; height: number }[]) => ({
  getAllDisplays: () => areas.map((workArea, i) => ({ id: i + 1, workArea })) as never,
  getPrimaryDisplay: () => ({ id: 1, workArea: areas[0] }) as never,
});

beforeEach(() => {
  resetFakeElectron();
});

describe('windows', () => {
  it('opens the main window hardened, with the preload, hidden until ready', () => {
    const win = createMainWindow({
      preloadPath: '/app/preload/index.cjs',
      userDataDir: userData(),
      screen: screen as never,
    });
    const created = FakeBrowserWindow.created;
    expect(created).toHaveLength(1);
    expect(created[0]?.options).toMatchObject({
      show: false,
      webPreferences: { ...HARDENED, preload: '/app/preload/index.cjs' },
    });
    expect(win).toBe(created[0]);
    created[0]?.emit('ready-to-show');
    expect(created[0]?.visible).toBe(true);
  });

  it('gives every window the hardened preferences, whatever the caller passes', () => {
    createSecureWindow('/p.cjs', { width: 400, webPreferences: { nodeIntegration: true, sandbox: false } } as never);
    for (const w of FakeBrowserWindow.created) {
      expect(w.options.webPreferences).toMatchObject(HARDENED);
    }
  });

  it('keeps a window out of screen capture on request', () => {
    const win = createMainWindow({ preloadPath: '/p.cjs', userDataDir: userData(), screen: screen as never });
    protectFromCapture(win);
    expect((win as unknown as FakeBrowserWindow).contentProtection).toBe(true);
    protectFromCapture(win, false);
    expect((win as unknown as FakeBrowserWindow).contentProtection).toBe(false);
  });

  it('remembers size and place, and restores them on the next start', () => {
    const dir = userData();
    const first = createMainWindow({
      preloadPath: '/p.cjs',
      userDataDir: dir,
      screen: screen as never,
    }) as unknown as FakeBrowserWindow;
    first.bounds = { x: 100, y: 80, width: 1400, height: 900 };
    first.maximized = true;
    first.emit('close');
    expect(JSON.parse(readFileSync(join(dir, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 100, y: 80, width: 1400, height: 900 },
      maximized: true,
    });
    createMainWindow({ preloadPath: '/p.cjs', userDataDir: dir, screen: screen as never });
    const second = FakeBrowserWindow.created[1];
    expect(second?.options).toMatchObject({ x: 100, y: 80, width: 1400, height: 900 });
    second?.emit('ready-to-show');
    expect(second?.maximized).toBe(true);
  });

  it('brings back a window remembered on a display that is gone', () => {
    const dir = userData();
    const twoScreens = screenOf(
      { x: 0, y: 0, width: 1920, height: 1040 },
      { x: 1920, y: 0, width: 2560, height: 1400 },
    );
    const w = createMainWindow({
      preloadPath: '/p.cjs',
      userDataDir: dir,
      screen: twoScreens,
    }) as unknown as FakeBrowserWindow;
    w.bounds = { x: 2200, y: 100, width: 2000, height: 1200 };
    w.emit('close');
    createMainWindow({
      preloadPath: '/p.cjs',
      userDataDir: dir,
      screen: screenOf({ x: 0, y: 0, width: 1366, height: 728 }),
    });
    const o = FakeBrowserWindow.created[1]?.options as { x: number; y: number; width: number; height: number };
    expect(o.width).toBeLessThanOrEqual(1366);
    expect(o.height).toBeLessThanOrEqual(728);
    expect(o.x).toBeGreaterThanOrEqual(0);
    expect(o.x + o.width).toBeLessThanOrEqual(1366);
    expect(o.y).toBeGreaterThanOrEqual(0);
  });

  it('focuses a minimised, hidden window', () => {
    const w = createMainWindow({
      preloadPath: '/p.cjs',
      userDataDir: userData(),
      screen: screen as never,
    }) as unknown as FakeBrowserWindow;
    w.minimized = true;
    focusWindow(w as never);
    expect(w).toMatchObject({ minimized: false, visible: true, focused: true });
  });
});
