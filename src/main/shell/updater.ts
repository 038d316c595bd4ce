/**
 * Auto-update through electron-updater, from a feed the provider configures
 * (SUPPORT_CONSOLE_UPDATE_URL, or `updateFeedUrl` in settings.json; https
 * only). Off in development and when no feed is configured: an update check
 * is a network call the person did not ask for, and a wrong feed would offer
 * a wrong app.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppUpdater } from 'electron-updater';

export const UPDATE_URL_ENV = 'SUPPORT_CONSOLE_UPDATE_URL';
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

export function updateFeedUrl(env: Record<string, string | undefined>, userDataDir: string): string | null {
  let raw = env[UPDATE_URL_ENV]?.trim();
  if (!raw) {
    try {
      const settings = JSON.parse(readFileSync(join(userDataDir, 'settings.json'), 'utf8')) as {
        updateFeedUrl?: unknown;
      };
      if (typeof settings.updateFeedUrl === 'string') raw = settings.updateFeedUrl.trim();
    } catch {
      return null;
    }
  }
  if (!raw) return null;
  try {
    return new URL(raw).protocol === 'https:' ? raw : null;
  } catch {
    return null;
  }
}

export type UpdaterLike = Pick<
  AppUpdater,
  'setFeedURL' | 'checkForUpdatesAndNotify' | 'autoDownload' | 'autoInstallOnAppQuit'
>;

/** Starts periodic checks; answers why not when it does not. */
export function startAutoUpdate(o: {
  isPackaged: boolean;
  feedUrl: string | null;
  load: () => Promise<UpdaterLike>;
  log: (message: string) => void;
}): Promise<{ running: true; stop(): void } | { running: false; why: 'development' | 'no-feed' }> {
  if (!o.isPackaged) return Promise.resolve({ running: false, why: 'development' });
  const feedUrl = o.feedUrl;
  if (feedUrl === null) return Promise.resolve({ running: false, why: 'no-feed' });
  return o.load().then((updater) => {
    updater.setFeedURL({ provider: 'generic', url: feedUrl });
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    const check = (): void => {
      updater.checkForUpdatesAndNotify().catch((error: unknown) => {
        o.log(`update check failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    };
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return {
      running: true as const,
      stop: () => {
        clearInterval(timer);
      },
    };
  });
}
