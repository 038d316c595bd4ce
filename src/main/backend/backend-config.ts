/**
 * Which helpdesk backend the console talks to.
 *
 * Order: the SUPPORT_CONSOLE_BACKEND_URL environment variable, then the
 * `backendUrl` of settings.json in the user-data folder, else the embedded
 * reference backend (started in-process on 127.0.0.1 with a seeded demo
 * database) so a new user sees a full queue on first start. A bad address
 * stops the start with a message naming it, rather than quietly showing the
 * demo backend's queue in place of the person's own.
 */
import { BackendUrl } from '../../shared/settings.js';
import { problemOf, readSettings, settingsPath } from '../features/settings/settings-file.js';

export const BACKEND_URL_ENV = 'SUPPORT_CONSOLE_BACKEND_URL';

export type BackendChoice =
  { kind: 'embedded'; dataDir: string } | { kind: 'remote'; url: string; source: 'environment' | 'settings' };

export function chooseBackend(env: Record<string, string | undefined>, userDataDir: string): BackendChoice {
  const fromEnv = env[BACKEND_URL_ENV]?.trim();
  if (fromEnv) {
    const parsed = BackendUrl.safeParse(fromEnv);
    if (!parsed.success) throw new Error(`${BACKEND_URL_ENV} must be an http(s) URL, got "${fromEnv}"`);
    return { kind: 'remote', url: parsed.data, source: 'environment' };
  }
  const read = readSettings(userDataDir);
  const problem = problemOf(read, 'backendUrl');
  if (problem)
    throw new Error(problem.key === null ? problem.message : `${settingsPath(userDataDir)}: ${problem.message}`);
  if (read.values.backendUrl) return { kind: 'remote', url: read.values.backendUrl, source: 'settings' };
  return { kind: 'embedded', dataDir: userDataDir };
}
