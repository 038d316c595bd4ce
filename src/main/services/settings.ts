/**
 * The console's own settings in `<userData>/settings.json`: the UI language
 * and the last signed-in agent (so the console opens offline), beside
 * `backendUrl`, which backend-config.ts reads. Writes merge into the file and
 * keep every key they do not own; the file is replaced atomically (temp file
 * + rename) so a crash never leaves half a JSON document.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Role } from '../../shared/entities.js';
import { UiLanguage } from '../../shared/ipc.js';
import type { Session } from '../../shared/ipc.js';

const SETTINGS_FILE = 'settings.json';

export const StoredAgent = z.object({ id: z.string().min(1), name: z.string(), roles: z.array(Role) });
export type StoredAgent = z.infer<typeof StoredAgent>;

export interface ConsoleSettings {
  language: UiLanguage;
  agent: StoredAgent | null;
}

/** French is the default (most customers and agents of the provider write French). */
export const DEFAULT_LANGUAGE: UiLanguage = 'fr';

function readRaw(userDataDir: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(join(userDataDir, SETTINGS_FILE), 'utf8');
  } catch {
    return {};
  }
  try {
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  } catch {
    // backend-config.ts refuses a broken file at startup with a clear message; here we only read.
    return {};
  }
}

export function readConsoleSettings(userDataDir: string): ConsoleSettings {
  const raw = readRaw(userDataDir);
  const language = UiLanguage.safeParse(raw.language);
  const agent = StoredAgent.safeParse(raw.agent);
  return {
    language: language.success ? language.data : DEFAULT_LANGUAGE,
    agent: agent.success ? agent.data : null,
  };
}

export function writeConsoleSettings(userDataDir: string, patch: Partial<ConsoleSettings>): void {
  const file = join(userDataDir, SETTINGS_FILE);
  const merged = { ...readRaw(userDataDir), ...patch };
  const tmp = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

export function toSession(agent: StoredAgent, language: UiLanguage): Session {
  return { agent: { id: agent.id, name: agent.name, roles: agent.roles }, language };
}
