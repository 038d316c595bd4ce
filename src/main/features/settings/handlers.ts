/**
 * The settings channels: what the settings screen reads and changes. The
 * backend address is read once at start (the sync, the cache and the
 * session are built on it), so a new address takes effect at the next
 * start; the screen says so, and shows the address in use beside the saved
 * one.
 */
import type { SettingsView } from '../../../shared/ipc-settings.js';
import { DEFAULT_SETTINGS } from '../../../shared/settings.js';
import type { SettingsPatch } from '../../../shared/settings.js';
import type { Handlers } from '../../../shared/ipc-handlers.js';
import { lazy } from '../../lazy.js';
import type { ProbeOptions } from './probe-backend.js';

// undici loads when the settings screen tests an address, not with the app (src/main/lazy.ts).
const probe = lazy(() => import('./probe-backend.js'));
import { readSettings, writeSettings } from './settings-file.js';
import type { SettingsRead } from './settings-file.js';

export interface SettingsDeps {
  userDataDir: string;
  backendInUse: SettingsView['backendInUse'];
  /** Tells every window (theme and density follow at once). */
  emit(view: SettingsView): void;
  probe?: ProbeOptions;
}

export type SettingsHandlers = Pick<Handlers, 'settings:get' | 'settings:update' | 'settings:testBackend'>;

export function settingsView(read: SettingsRead, backendInUse: SettingsView['backendInUse']): SettingsView {
  const v = read.values;
  return {
    language: v.language ?? DEFAULT_SETTINGS.language,
    theme: v.theme ?? DEFAULT_SETTINGS.theme,
    density: v.density ?? DEFAULT_SETTINGS.density,
    updateChannel: v.updateChannel ?? DEFAULT_SETTINGS.updateChannel,
    backendUrl: v.backendUrl ?? null,
    backendInUse,
    problems: read.problems,
  };
}

export function createSettingsHandlers(deps: SettingsDeps): SettingsHandlers {
  return {
    'settings:get': () => settingsView(readSettings(deps.userDataDir), deps.backendInUse),
    'settings:update': (patch: SettingsPatch) => {
      // null clears the address (back to the embedded backend): the key leaves the file.
      const { backendUrl, ...rest } = patch;
      const written = writeSettings(deps.userDataDir, {
        ...rest,
        ...(backendUrl === undefined ? {} : { backendUrl: backendUrl ?? undefined }),
      });
      const view = settingsView(written, deps.backendInUse);
      deps.emit(view);
      return view;
    },
    'settings:testBackend': async (url) => (await probe()).probeBackend(url, deps.probe),
  };
}
