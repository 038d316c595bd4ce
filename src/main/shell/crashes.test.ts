import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { UiLanguage } from '../../shared/ipc.js';
import { watchCrashes } from './crashes.js';
import {
  app,
  dialog,
  fakeEvent,
  FakeBrowserWindow,
  FakeWebContents,
  resetFakeElectron,
} from './testing/fake-electron.js';

vi.mock('electron', () => import('./testing/fake-electron.js'));

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let logged: { level: string; entry: Record<string, unknown>; msg: string }[];
let language: UiLanguage;
let quitting: boolean;
let win: FakeBrowserWindow | null;

beforeEach(() => {
  resetFakeElectron();
  logged = [];
  language = 'en';
  quitting = false;
  win = new FakeBrowserWindow({});
  const record = (level: string) => (entry: Record<string, unknown>, msg: string) => logged.push({ level, entry, msg });
  watchCrashes(app as never, dialog as never, {
    language: () => language,
    log: { error: record('error'), info: record('info') } as never,
    window: () => win as never,
    quitting: () => quitting,
  });
});

describe('a renderer that dies', () => {
  it('is logged, told in a dialog over the window, and reloaded when the person asks', async () => {
    const contents = new FakeWebContents();
    app.emit('render-process-gone', fakeEvent(), contents, { reason: 'crashed', exitCode: 139 });
    await settle();
    expect(logged).toEqual([{ level: 'error', entry: { reason: 'crashed', exitCode: 139 }, msg: 'renderer gone' }]);
    expect(dialog.boxes).toHaveLength(1);
    expect(dialog.boxes[0]?.window).toBe(win);
    expect(dialog.boxes[0]?.options).toMatchObject({
      type: 'error',
      message: 'The console window stopped unexpectedly.',
      buttons: ['Reload', 'Quit'],
      defaultId: 0,
    });
    expect(contents.reloads).toBe(1);
    expect(app.quitCalls).toBe(0);
  });

  it('quits when the person chooses to, and speaks the console language', async () => {
    language = 'fr';
    dialog.responses.push(1);
    const contents = new FakeWebContents();
    app.emit('render-process-gone', fakeEvent(), contents, { reason: 'oom', exitCode: 0 });
    await settle();
    expect(dialog.boxes[0]?.options.buttons).toEqual(['Recharger', 'Quitter']);
    expect(contents.reloads).toBe(0);
    expect(app.quitCalls).toBe(1);
  });

  it('asks nothing for a clean exit, nor while quitting, and never stacks dialogs', async () => {
    app.emit('render-process-gone', fakeEvent(), new FakeWebContents(), { reason: 'clean-exit', exitCode: 0 });
    quitting = true;
    app.emit('render-process-gone', fakeEvent(), new FakeWebContents(), { reason: 'killed', exitCode: 9 });
    await settle();
    expect(dialog.boxes).toHaveLength(0);
    expect(logged.map((l) => l.msg)).toEqual(['renderer exited', 'renderer gone']);

    quitting = false;
    app.emit('render-process-gone', fakeEvent(), new FakeWebContents(), { reason: 'crashed', exitCode: 1 });
    app.emit('render-process-gone', fakeEvent(), new FakeWebContents(), { reason: 'crashed', exitCode: 1 });
    await settle();
    expect(dialog.boxes).toHaveLength(1);
  });

  it('does not reload a page that is already gone for good', async () => {
    const contents = new FakeWebContents();
    contents.destroyed = true;
    app.emit('render-process-gone', fakeEvent(), contents, { reason: 'crashed', exitCode: 1 });
    await settle();
    expect(contents.reloads).toBe(0);
  });
});

describe('a helper process that dies', () => {
  it('is logged and offers to reload the main window', async () => {
    language = 'de';
    app.emit('child-process-gone', fakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 11 });
    await settle();
    expect(logged).toEqual([
      { level: 'error', entry: { type: 'GPU', reason: 'crashed', exitCode: 11 }, msg: 'helper process gone' },
    ]);
    expect(dialog.boxes[0]?.options).toMatchObject({
      type: 'warning',
      message: 'Ein Teil der Konsole wurde unerwartet beendet.',
      buttons: ['Neu laden', 'Weiter'],
    });
    expect(win?.webContents.reloads).toBe(1);
  });

  it('leaves the window alone when the person continues, and asks without a parent when no window is open', async () => {
    dialog.responses.push(1);
    app.emit('child-process-gone', fakeEvent(), {
      type: 'Utility',
      reason: 'oom',
      exitCode: 1,
      serviceName: 'network',
    });
    await settle();
    expect(win?.webContents.reloads).toBe(0);
    expect(logged[0]?.entry).toMatchObject({ serviceName: 'network' });

    win = null;
    app.emit('child-process-gone', fakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    await settle();
    expect(dialog.boxes[1]?.window).toBeNull();
    app.emit('child-process-gone', fakeEvent(), { type: 'GPU', reason: 'clean-exit', exitCode: 0 });
    await settle();
    expect(dialog.boxes).toHaveLength(2);
  });
});
