/**
 * Auto-update through electron-updater, from a feed the provider configures
 * (SUPPORT_CONSOLE_UPDATE_URL, or `updateFeedUrl` in settings.json; https
 * only). Off in development and when no feed is configured: an update check
 * is a network call the person did not ask for, and a wrong feed would offer
 * a wrong app. A check from the menu then says so rather than fail.
 */
import type { AppUpdater } from 'electron-updater';
import { UpdateFeedUrl } from '../../shared/settings.js';
import type { ConsoleSettings, UpdateChannel } from '../../shared/settings.js';
import type { Logger } from 'pino';
import type { UpdateCheck } from '../../shared/ipc-shell.js';

export const UPDATE_URL_ENV = 'SUPPORT_CONSOLE_UPDATE_URL';
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

export function updateFeedUrl(env: Record<string, string | undefined>, settings: ConsoleSettings): string | null {
  const fromEnv = env[UPDATE_URL_ENV]?.trim();
  if (fromEnv) {
    const parsed = UpdateFeedUrl.safeParse(fromEnv);
    return parsed.success ? parsed.data : null;
  }
  // A bad value in settings.json is reported by the settings reader (naming the key) and means no feed.
  return settings.updateFeedUrl ?? null;
}

/** `updateChannel` of settings.json: `beta` also offers pre-releases. */
export function updateChannel(settings: ConsoleSettings): UpdateChannel {
  return settings.updateChannel ?? 'stable';
}

export type UpdaterLike = Pick<
  AppUpdater,
  | 'setFeedURL'
  | 'checkForUpdatesAndNotify'
  | 'checkForUpdates'
  | 'quitAndInstall'
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'on'
  | 'channel'
  | 'allowPrerelease'
>;

/** What the shell can do with updates, whether or not they run (the menu's "Check for updates" always has an answer). */
export interface UpdateControl {
  readonly running: boolean;
  /** Why updates are off: a development build, or no feed configured. */
  readonly why: 'development' | 'no-feed' | null;
  /** A check the person asked for: says what it found, never throws. */
  check(): Promise<UpdateCheck>;
  /** Quits and installs the downloaded update; false when none is downloaded. */
  install(): boolean;
  stop(): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Starts periodic checks (download in the background, install on quit or
 * when the person restarts from the notice); when updates cannot run, the
 * control answers why.
 */
export async function startAutoUpdate(o: {
  isPackaged: boolean;
  feedUrl: string | null;
  /** Default `stable`. */
  channel?: UpdateChannel;
  load: () => Promise<UpdaterLike>;
  log: Pick<Logger, 'warn' | 'info'>;
  /** A newer version is downloaded: restarting installs it. */
  onDownloaded: (version: string) => void;
}): Promise<UpdateControl> {
  const why = !o.isPackaged ? 'development' : o.feedUrl === null ? 'no-feed' : null;
  const feedUrl = o.feedUrl;
  if (why !== null || feedUrl === null) {
    const state = why === 'development' ? 'not-packaged' : 'no-feed';
    return {
      running: false,
      why: why ?? 'no-feed',
      check: () => Promise.resolve({ state }),
      install: () => false,
      stop: () => undefined,
    };
  }
  const updater = await o.load();
  updater.setFeedURL({ provider: 'generic', url: feedUrl });
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  // electron-updater reads `beta` as "beta and stable releases"; stable never sees a pre-release.
  updater.channel = o.channel === 'beta' ? 'beta' : 'latest';
  updater.allowPrerelease = o.channel === 'beta';
  let downloaded: string | null = null;
  // electron-updater emits 'error' for a failed background check: unheard, an EventEmitter would throw.
  updater.on('error', (error) => {
    o.log.warn({ message: message(error) }, 'update: failed');
  });
  updater.on('update-downloaded', (event) => {
    downloaded = event.version;
    o.log.info({ version: event.version }, 'update: downloaded');
    o.onDownloaded(event.version);
  });
  const checkInBackground = (): void => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => {
      o.log.warn({ message: message(error) }, 'update: check failed');
    });
  };
  checkInBackground();
  const timer = setInterval(checkInBackground, CHECK_EVERY_MS);
  return {
    running: true,
    why: null,
    async check() {
      if (downloaded !== null) {
        o.onDownloaded(downloaded);
        return { state: 'ready', version: downloaded };
      }
      try {
        const found = await updater.checkForUpdates();
        if (found === null) return { state: 'failed' };
        return { state: found.isUpdateAvailable ? 'downloading' : 'up-to-date', version: found.updateInfo.version };
      } catch (error) {
        o.log.warn({ message: message(error) }, 'update: check failed');
        return { state: 'failed' };
      }
    },
    install() {
      if (downloaded === null) return false;
      updater.quitAndInstall();
      return true;
    },
    stop() {
      clearInterval(timer);
    },
  };
}
