/**
 * `<userData>/settings.json`, the one place main reads and writes it. Every
 * key is checked against its schema in src/shared/settings.ts, one by one: a
 * bad value is reported (naming the key) and ignored, the other keys still
 * count, and the bad value stays in the file for the person to fix. Writes
 * merge into what is there, keep keys the console does not know, and
 * replace the file atomically (temp file + rename): a crash never leaves
 * half a JSON document.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettings, SETTINGS_KEYS } from '../../../shared/settings.js';
import type { ConsoleSettings, SettingsKey, SettingsProblem } from '../../../shared/settings.js';

export const SETTINGS_FILE = 'settings.json';

export interface SettingsRead {
  /** The valid known keys. */
  values: ConsoleSettings;
  /** What is ignored and why, each naming its key (or the file). */
  problems: SettingsProblem[];
  /** The file could not be read as a JSON object: nothing in it counts, and nothing may be written over it. */
  unreadable: boolean;
}

export function settingsPath(userDataDir: string): string {
  return join(userDataDir, SETTINGS_FILE);
}

type RawRead = { ok: true; raw: Record<string, unknown> } | { ok: false; message: string };

function readRaw(userDataDir: string): RawRead {
  const file = settingsPath(userDataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // No file yet is a first start; any other read error is worth saying.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, raw: {} };
    return { ok: false, message: `${file} cannot be read (${(error as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${file} is not valid JSON (${(error as Error).message}); fix or delete it` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, message: `${file} must hold a JSON object; fix or delete it` };
  }
  return { ok: true, raw: json as Record<string, unknown> };
}

export function readSettings(userDataDir: string): SettingsRead {
  const read = readRaw(userDataDir);
  if (!read.ok) return { values: {}, problems: [{ key: null, message: read.message }], unreadable: true };
  return { ...parseSettings(read.raw), unreadable: false };
}

/** One key's problem, when it has one (for readers that must refuse rather than fall back). */
export function problemOf(read: SettingsRead, key: SettingsKey): SettingsProblem | undefined {
  return read.problems.find((p) => p.key === key || p.key === null);
}

/**
 * Writes the given keys, each checked against its schema first (a bad value
 * throws, naming the key, and nothing is written). `undefined` removes a key.
 * Refuses to write over a file it cannot read: that would lose what the
 * person set in it.
 */
export function writeSettings(userDataDir: string, patch: Partial<Record<SettingsKey, unknown>>): SettingsRead {
  const read = readRaw(userDataDir);
  if (!read.ok) throw new Error(`${read.message}; the change was not saved`);
  const merged: Record<string, unknown> = { ...read.raw };
  for (const [key, value] of Object.entries(patch) as [SettingsKey, unknown][]) {
    if (!(key in SETTINGS_KEYS)) throw new Error(`settings.json has no key "${key}"`);
    if (value === undefined) {
      Reflect.deleteProperty(merged, key);
      continue;
    }
    const parsed = SETTINGS_KEYS[key].safeParse(value);
    if (!parsed.success) throw new Error(`${key}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    merged[key] = parsed.data;
  }
  const file = settingsPath(userDataDir);
  const tmp = `${file}.${String(process.pid)}.tmp`;
  // 0600: the file names the agent and their backend; nobody else on the machine needs to read it.
  writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
  return { ...parseSettings(merged), unreadable: false };
}
