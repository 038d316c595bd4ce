/**
 * The services' view of settings.json: the UI language and the last
 * signed-in agent (so the console opens offline). Reading and writing the
 * file, and every key's schema, live in src/main/settings.
 */
import { DEFAULT_SETTINGS } from '../../../shared/settings.js';
import type { StoredAgent, UiLanguage } from '../../../shared/settings.js';
import type { Session } from '../../../shared/ipc.js';
import { readSettings, writeSettings } from '../settings/settings-file.js';

export { StoredAgent } from '../../../shared/settings.js';

export interface ServiceSettings {
  language: UiLanguage;
  agent: StoredAgent | null;
}

export const DEFAULT_LANGUAGE: UiLanguage = DEFAULT_SETTINGS.language;

export function readConsoleSettings(userDataDir: string): ServiceSettings {
  const { values } = readSettings(userDataDir);
  return { language: values.language ?? DEFAULT_LANGUAGE, agent: values.agent ?? null };
}

export function writeConsoleSettings(userDataDir: string, patch: Partial<ServiceSettings>): void {
  writeSettings(userDataDir, patch);
}

export function toSession(agent: StoredAgent, language: UiLanguage): Session {
  return { agent: { id: agent.id, name: agent.name, roles: agent.roles }, language };
}
