/**
 * The settings part of the IPC contract (see ipc.ts, which joins the parts):
 * read and change the console's settings, and ask main whether an address
 * answers as a Support Console backend. The language keeps its own channel
 * (`settings:setLanguage` in ipc.ts), which answers the session.
 */
import { z } from 'zod';
import { BackendUrl, SettingsPatch } from './settings.js';
import type { Density, SettingsProblem, Theme, UiLanguage, UpdateChannel } from './settings.js';

/** The settings as the settings screen shows them. */
export interface SettingsView {
  language: UiLanguage;
  theme: Theme;
  density: Density;
  updateChannel: UpdateChannel;
  /** The address saved in settings.json; null = the embedded demo backend. Read at start. */
  backendUrl: string | null;
  /** The backend this run talks to, and where its address came from (the environment wins over settings.json). */
  backendInUse: { url: string; source: 'environment' | 'settings' | 'embedded' };
  /** Values in settings.json that are ignored (kept in the file), each naming its key. */
  problems: SettingsProblem[];
}

/**
 * What a test of an address found, in the words the screen uses:
 * `reachable` a Support Console backend answered; `wrong-address` nothing
 * listens there (unknown name, refused, unreachable host); `not-console`
 * something answered, but not as a Support Console backend; `tls` the
 * secure connection failed (certificate, protocol); `timeout` no answer in
 * time.
 */
export const PROBE_OUTCOMES = ['reachable', 'wrong-address', 'not-console', 'tls', 'timeout'] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export interface BackendProbe {
  outcome: ProbeOutcome;
  /** The technical detail (HTTP status, error code), for the person who sets the backend up. */
  detail: string;
  elapsedMs: number;
}

/** Result type of each invoke channel of this part. */
export interface SettingsIpcResults {
  'settings:get': SettingsView;
  'settings:update': SettingsView;
  'settings:testBackend': BackendProbe;
}

/** Argument schema of each invoke channel of this part. */
export const SETTINGS_IPC_ARGS = {
  'settings:get': z.tuple([]),
  'settings:update': z.tuple([SettingsPatch]),
  /** An address that is not http(s) is refused here, before any connection. */
  'settings:testBackend': z.tuple([BackendUrl]),
} as const satisfies Record<keyof SettingsIpcResults, z.ZodType<unknown[]>>;

/** Payload of each event main pushes for this part. */
export interface SettingsIpcEvents {
  /** Settings changed (this window or another): theme and density follow at once. */
  'settings:changed': SettingsView;
}
export const SETTINGS_EVENT_CHANNELS = ['settings:changed'] as const satisfies readonly (keyof SettingsIpcEvents)[];
