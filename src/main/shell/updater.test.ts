import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startAutoUpdate, updateChannel, updateFeedUrl } from './updater.js';
import type { UpdaterLike } from './updater.js';

/** Records what the shell asks of electron-updater (its module needs Electron to load). */
function recordingUpdater() {
  const calls: string[] = [];
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: (options: unknown) => calls.push(`feed ${JSON.stringify(options)}`),
    checkForUpdatesAndNotify: () => {
      calls.push('check');
      return Promise.resolve(null);
    },
  } as unknown as UpdaterLike;
  return { updater, calls };
}

describe('auto-update', () => {
  it('reads the feed from the environment, then settings.json, https only', () => {
    const d = mkdtempSync(join(tmpdir(), 'shell-update-'));
    expect(updateFeedUrl({}, d)).toBeNull();
    expect(updateFeedUrl({ SUPPORT_CONSOLE_UPDATE_URL: 'https://updates.example.ch/console' }, d)).toBe(
      'https://updates.example.ch/console',
    );
    expect(updateFeedUrl({ SUPPORT_CONSOLE_UPDATE_URL: 'http://updates.example.ch/' }, d)).toBeNull();
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ updateFeedUrl: 'https://u.example.ch/feed' }));
    expect(updateFeedUrl({}, d)).toBe('https://u.example.ch/feed');
  });

  it('stays off in development and without a feed, without loading the updater', async () => {
    let loaded = 0;
    const load = () => {
      loaded += 1;
      return Promise.resolve(recordingUpdater().updater);
    };
    const log = () => undefined;
    expect(await startAutoUpdate({ isPackaged: false, feedUrl: 'https://u.example.ch', load, log })).toEqual({
      running: false,
      why: 'development',
    });
    expect(await startAutoUpdate({ isPackaged: true, feedUrl: null, load, log })).toEqual({
      running: false,
      why: 'no-feed',
    });
    expect(loaded).toBe(0);
  });

  it('checks the configured feed when packaged', async () => {
    const { updater, calls } = recordingUpdater();
    const started = await startAutoUpdate({
      isPackaged: true,
      feedUrl: 'https://u.example.ch/feed',
      load: () => Promise.resolve(updater),
      log: () => undefined,
    });
    expect(started.running).toBe(true);
    if (started.running) started.stop();
    expect(calls).toEqual(['feed {"provider":"generic","url":"https://u.example.ch/feed"}', 'check']);
    expect(updater.autoDownload).toBe(true);
  });

  it('follows the update channel of settings.json: beta also takes pre-releases, stable never', async () => {
    const d = mkdtempSync(join(tmpdir(), 'shell-update-'));
    expect(updateChannel(d)).toBe('stable');
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ updateChannel: 'beta' }));
    expect(updateChannel(d)).toBe('beta');
    for (const channel of ['beta', 'stable'] as const) {
      const { updater } = recordingUpdater();
      const started = await startAutoUpdate({
        isPackaged: true,
        feedUrl: 'https://u.example.ch/feed',
        channel,
        load: () => Promise.resolve(updater),
        log: () => undefined,
      });
      if (started.running) started.stop();
      expect([updater.channel, updater.allowPrerelease]).toEqual(
        channel === 'beta' ? ['beta', true] : ['latest', false],
      );
    }
  });
});
