import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../features/settings/settings-file.js';
import { startAutoUpdate, updateChannel, updateFeedUrl } from './updater.js';
import type { UpdaterLike } from './updater.js';

/**
 * Stands in for electron-updater's autoUpdater (its module needs Electron to
 * load): records what the shell asks, answers checks with `next`, and emits
 * its events as the library would.
 */
function fakeUpdater(next: () => Promise<unknown>) {
  const calls: string[] = [];
  const updater = Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: (options: unknown) => calls.push(`feed ${JSON.stringify(options)}`),
    checkForUpdatesAndNotify: () => {
      calls.push('background check');
      return Promise.resolve(null);
    },
    checkForUpdates: () => {
      calls.push('check');
      return next();
    },
    quitAndInstall: () => calls.push('quitAndInstall'),
  });
  return { updater, asUpdater: updater as unknown as UpdaterLike, calls };
}

const found = (version: string, isUpdateAvailable: boolean) =>
  Promise.resolve({ isUpdateAvailable, updateInfo: { version } });

function recordingLog() {
  const lines: string[] = [];
  const record = (entry: unknown, msg: string) => lines.push(`${msg} ${JSON.stringify(entry)}`);
  return { lines, log: { warn: record, info: record } as never };
}

const start = (updater: UpdaterLike, ready: string[] = [], log = recordingLog().log) =>
  startAutoUpdate({
    isPackaged: true,
    feedUrl: 'https://u.example.ch/feed',
    load: () => Promise.resolve(updater),
    log,
    onDownloaded: (version) => ready.push(version),
  });

describe('auto-update', () => {
  it('reads the feed from the environment, then settings.json, https only', () => {
    const d = mkdtempSync(join(tmpdir(), 'shell-update-'));
    expect(updateFeedUrl({}, readSettings(d).values)).toBeNull();
    expect(
      updateFeedUrl({ SUPPORT_CONSOLE_UPDATE_URL: 'https://updates.example.ch/console' }, readSettings(d).values),
    ).toBe('https://updates.example.ch/console');
    expect(
      updateFeedUrl({ SUPPORT_CONSOLE_UPDATE_URL: 'http://updates.example.ch/' }, readSettings(d).values),
    ).toBeNull();
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ updateFeedUrl: 'https://u.example.ch/feed' }));
    expect(updateFeedUrl({}, readSettings(d).values)).toBe('https://u.example.ch/feed');
  });

  it('stays off in development and without a feed, without loading the updater, and a check says why', async () => {
    let loaded = 0;
    const load = () => {
      loaded += 1;
      return Promise.resolve(fakeUpdater(() => found('1.0.0', false)).asUpdater);
    };
    const common = { load, log: recordingLog().log, onDownloaded: () => undefined };
    const dev = await startAutoUpdate({ isPackaged: false, feedUrl: 'https://u.example.ch', ...common });
    expect(dev).toMatchObject({ running: false, why: 'development' });
    expect(await dev.check()).toEqual({ state: 'not-packaged' });
    const noFeed = await startAutoUpdate({ isPackaged: true, feedUrl: null, ...common });
    expect(noFeed).toMatchObject({ running: false, why: 'no-feed' });
    expect(await noFeed.check()).toEqual({ state: 'no-feed' });
    expect(noFeed.install()).toBe(false);
    expect(loaded).toBe(0);
  });

  it('checks the configured feed in the background when packaged', async () => {
    const { asUpdater, calls } = fakeUpdater(() => found('1.0.0', false));
    const control = await start(asUpdater);
    control.stop();
    expect(control.running).toBe(true);
    expect(calls).toEqual(['feed {"provider":"generic","url":"https://u.example.ch/feed"}', 'background check']);
    expect(asUpdater.autoDownload).toBe(true);
    expect(asUpdater.autoInstallOnAppQuit).toBe(true);
  });

  it('answers a manual check: up to date, downloading, or failed (logged, not thrown)', async () => {
    const answers = [found('1.0.0', false), found('1.1.0', true), Promise.reject(new Error('ENOTFOUND u.example.ch'))];
    const { asUpdater } = fakeUpdater(() => answers.shift() ?? Promise.resolve(null));
    const { lines, log } = recordingLog();
    const control = await start(asUpdater, [], log);
    control.stop();
    expect(await control.check()).toEqual({ state: 'up-to-date', version: '1.0.0' });
    expect(await control.check()).toEqual({ state: 'downloading', version: '1.1.0' });
    expect(await control.check()).toEqual({ state: 'failed' });
    expect(lines).toEqual(['update: check failed {"message":"ENOTFOUND u.example.ch"}']);
  });

  it('tells the shell when an update is downloaded, and installs it only then', async () => {
    const { updater, asUpdater, calls } = fakeUpdater(() => found('1.1.0', true));
    const ready: string[] = [];
    const control = await start(asUpdater, ready);
    control.stop();
    expect(control.install()).toBe(false);
    updater.emit('update-downloaded', { version: '1.1.0' });
    expect(ready).toEqual(['1.1.0']);
    // A later check does not download again: it says the update waits, and tells the shell once more.
    expect(await control.check()).toEqual({ state: 'ready', version: '1.1.0' });
    expect(ready).toEqual(['1.1.0', '1.1.0']);
    expect(control.install()).toBe(true);
    expect(calls.filter((c) => c === 'quitAndInstall' || c === 'check')).toEqual(['quitAndInstall']);
  });

  it('logs the errors electron-updater emits instead of letting them throw', async () => {
    const { updater, asUpdater } = fakeUpdater(() => found('1.0.0', false));
    const { lines, log } = recordingLog();
    const control = await start(asUpdater, [], log);
    control.stop();
    expect(() => updater.emit('error', new Error('net::ERR_CONNECTION_REFUSED'))).not.toThrow();
    expect(lines).toEqual(['update: failed {"message":"net::ERR_CONNECTION_REFUSED"}']);
  });

  it('follows the update channel of settings.json: beta also takes pre-releases, stable never', async () => {
    const d = mkdtempSync(join(tmpdir(), 'shell-update-'));
    expect(updateChannel(readSettings(d).values)).toBe('stable');
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ updateChannel: 'beta' }));
    expect(updateChannel(readSettings(d).values)).toBe('beta');
    for (const channel of ['beta', 'stable'] as const) {
      const { updater, asUpdater } = fakeUpdater(() => found('1.0.0', false));
      const control = await startAutoUpdate({
        isPackaged: true,
        feedUrl: 'https://u.example.ch/feed',
        channel,
        load: () => Promise.resolve(asUpdater),
        log: recordingLog().log,
        onDownloaded: () => undefined,
      });
      control.stop();
      const chosen = updater as unknown as { channel: string; allowPrerelease: boolean };
      expect([chosen.channel, chosen.allowPrerelease]).toEqual(channel === 'beta' ? ['beta', true] : ['latest', false]);
    }
  });
});
