/**
 * Auto-update through electron-updater, from a feed the provider configures
 * (SUPPORT_CONSOLE_UPDATE_URL, or `updateFeedUrl` in settings.json; https
 * only). Off in development and when no feed is configured: an update check
 * is a network call the person did not ask for, and a wrong feed would offer
 * a wrong app.
 */
import type { AppUpdater } from 'electron-updater';
import { UpdateFeedUrl } from '../../shared/settings.js';
import type { UpdateChannel } from '../../shared/settings.js';
import { readSettings } from '../settings/settings-file.js';

export const UPDATE_URL_ENV = 'SUPPORT_CONSOLE_UPDATE_URL';
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

export function updateFeedUrl(env: Record<string, string | undefined>, userDataDir: string): string | null {
  const fromEnv = env[UPDATE_URL_ENV]?.trim();
  if (fromEnv) {
    const parsed = UpdateFeedUrl.safeParse(fromEnv);
    return parsed.success ? parsed.data : null;
  }
  // A bad value in settings.json is reported by the settings reader (naming the key) and means no feed.
  return readSettings(userDataDir).values.updateFeedUrl ?? null;
}

/** `updateChannel` of settings.json: `beta` also offers pre-releases. */
export function updateChannel(userDataDir: string): UpdateChannel {
  return readSettings(userDataDir).values.updateChannel ?? 'stable';
}

export type UpdaterLike = Pick<
  AppUpdater,
  'setFeedURL' | 'checkForUpdatesAndNotify' | 'autoDownload' | 'autoInstallOnAppQuit' | 'channel' | 'allowPrerelease'
>;

/** Starts periodic checks; answers why not when it does not. */
export function startAutoUpdate(o: {
  isPackaged: boolean;
  feedUrl: string | null;
  /** Default `stable`. */
  channel?: UpdateChannel;
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
    // electron-updater reads `beta` as "beta and stable releases"; stable never sees a pre-release.
    updater.channel = o.channel === 'beta' ? 'beta' : 'latest';
    updater.allowPrerelease = o.channel === 'beta';
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
