/**
 * settings.json, key by key: one zod schema per key, read by every part of
 * main that needs a setting (backend choice, external links, updates, the
 * services) and by the renderer's settings screen for its own checks. A key
 * is checked on its own, so one bad value never hides the others.
 */
import { z } from 'zod';
import { Role } from './entities.js';

export const UI_LANGUAGES = ['fr', 'de', 'en'] as const;
export const UiLanguage = z.enum(UI_LANGUAGES);
export type UiLanguage = z.infer<typeof UiLanguage>;

export const THEMES = ['light', 'dark', 'system'] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

export const DENSITIES = ['comfortable', 'compact'] as const;
export const Density = z.enum(DENSITIES);
export type Density = z.infer<typeof Density>;

export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export const UpdateChannel = z.enum(UPDATE_CHANNELS);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

/** Longer than any address a person types; keeps a pasted document out of settings.json. */
const MAX_URL_LENGTH = 2048;

/** The helpdesk backend: http(s) only (a `file:` or `javascript:` URL would never be a backend). */
export const BackendUrl = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH)
  .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }))
  .transform((url) => url.replace(/\/+$/, ''));

/** The update feed: https only, a wrong feed would offer a wrong app. */
export const UpdateFeedUrl = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH)
  .pipe(z.url({ protocol: /^https$/, hostname: z.regexes.hostname }));

/** A host name links may open in the browser (lower case, compared exactly). */
export const LinkHost = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, 'not a host name')
  .max(253);

/** The last signed-in agent, so the console opens offline. */
export const StoredAgent = z.object({ id: z.string().min(1), name: z.string(), roles: z.array(Role) });
export type StoredAgent = z.infer<typeof StoredAgent>;

/** Every key of settings.json the console knows, with its schema. Other keys are kept untouched. */
export const SETTINGS_KEYS = {
  language: UiLanguage,
  agent: StoredAgent.nullable(),
  backendUrl: BackendUrl,
  externalLinkHosts: z.array(LinkHost).max(100),
  updateFeedUrl: UpdateFeedUrl,
  updateChannel: UpdateChannel,
  theme: Theme,
  density: Density,
} as const;
export type SettingsKey = keyof typeof SETTINGS_KEYS;

/** The valid keys of a settings.json; a key that is absent or invalid is left out. */
export type ConsoleSettings = { [K in SettingsKey]?: z.output<(typeof SETTINGS_KEYS)[K]> };

/** A value in settings.json that the console ignores, and why; `key` is null when the whole file is unreadable. */
export interface SettingsProblem {
  key: SettingsKey | null;
  message: string;
}

/** Checks each known key on its own; unknown keys are not the console's business. */
export function parseSettings(raw: Record<string, unknown>): { values: ConsoleSettings; problems: SettingsProblem[] } {
  const values: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  for (const key of Object.keys(SETTINGS_KEYS) as SettingsKey[]) {
    if (!(key in raw)) continue;
    const parsed = SETTINGS_KEYS[key].safeParse(raw[key]);
    if (parsed.success) values[key] = parsed.data;
    else problems.push({ key, message: `${key}: ${oneLine(parsed.error)}` });
  }
  return { values, problems };
}

/** zod's report on one line ("✖ not a host name → at [1]" → "not a host name (at [1])"), for logs and the screen. */
function oneLine(error: z.ZodError): string {
  return z
    .prettifyError(error)
    .replace(/^✖ /gm, '')
    .replace(/\n\s*→ (at .*)/g, ' ($1)')
    .replace(/\n/g, '; ');
}

/** What the settings screen may change; the backend address `null` goes back to the embedded demo backend. */
export const SettingsPatch = z
  .object({
    backendUrl: BackendUrl.nullable(),
    updateChannel: UpdateChannel,
    theme: Theme,
    density: Density,
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS = {
  /** French: most customers and agents of the provider write French. */
  language: 'fr',
  theme: 'system',
  density: 'comfortable',
  updateChannel: 'stable',
} as const satisfies Partial<Record<SettingsKey, unknown>>;
