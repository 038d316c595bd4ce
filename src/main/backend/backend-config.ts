/**
 * Which helpdesk backend the console talks to.
 *
 * Order: the SUPPORT_CONSOLE_BACKEND_URL environment variable, then the
 * `backendUrl` of settings.json in the user-data folder, else the embedded
 * reference backend (started in-process on 127.0.0.1 with a seeded demo
 * database) so a new user sees a full queue on first start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const BACKEND_URL_ENV = 'SUPPORT_CONSOLE_BACKEND_URL';

const Settings = z.object({ backendUrl: z.url({ protocol: /^https?$/ }).optional() });

export type BackendChoice =
  { kind: 'embedded'; dataDir: string } | { kind: 'remote'; url: string; source: 'environment' | 'settings' };

export function chooseBackend(env: Record<string, string | undefined>, userDataDir: string): BackendChoice {
  const fromEnv = env[BACKEND_URL_ENV]?.trim();
  if (fromEnv) return { kind: 'remote', url: parseBackendUrl(fromEnv, BACKEND_URL_ENV), source: 'environment' };
  const settings = readSettings(userDataDir);
  if (settings.backendUrl) return { kind: 'remote', url: settings.backendUrl.replace(/\/+$/, ''), source: 'settings' };
  return { kind: 'embedded', dataDir: userDataDir };
}

function parseBackendUrl(value: string, where: string): string {
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(value);
  if (!parsed.success) throw new Error(`${where} must be an http(s) URL, got "${value}"`);
  return parsed.data.replace(/\/+$/, '');
}

function readSettings(userDataDir: string): z.infer<typeof Settings> {
  const file = join(userDataDir, 'settings.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {}; // no settings yet: first start
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON; fix or delete it`);
  }
  const parsed = Settings.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
