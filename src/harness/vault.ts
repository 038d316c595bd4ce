/**
 * The harness's vault: the session in memory (as before), the cache's key in
 * `<user-data>/harness-cache.key` (0600). The harness has no safeStorage, but
 * its cache is encrypted like the app's; keeping the key beside it lets a
 * restart on the same folder (`--user-data`, `npm run bench:ui -- --dir`)
 * open the cache it synced instead of finding it sealed and syncing again.
 * A development tool over demo data: the app never keeps its key in a file.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleServicesOptions } from '../main/services/index.js';

type SessionVault = NonNullable<ConsoleServicesOptions['vault']>;
type SavedSession = NonNullable<Awaited<ReturnType<SessionVault['readSession']>>>;

export const HARNESS_KEY_FILE = 'harness-cache.key';

export function createHarnessVault(userDataDir: string): SessionVault {
  const file = join(userDataDir, HARNESS_KEY_FILE);
  let session: SavedSession | null = null;
  let key: Buffer | null = null;
  const cacheKey = (): Buffer => {
    if (key !== null) return key;
    try {
      const hex = readFileSync(file, 'utf8').trim();
      if (/^[0-9a-f]{64}$/.test(hex)) key = Buffer.from(hex, 'hex');
    } catch {
      // No key yet: made below.
    }
    if (key === null) {
      key = randomBytes(32);
      writeFileSync(file, key.toString('hex'), { mode: 0o600 });
    }
    return key;
  };
  return {
    storage: 'secure',
    readSession: () => Promise.resolve(session),
    writeSession(s) {
      session = s;
      return Promise.resolve();
    },
    forgetSession() {
      session = null;
      return Promise.resolve();
    },
    cacheKey: () => Promise.resolve(cacheKey()),
    wipe() {
      session = null;
      key = null;
      rmSync(file, { force: true });
      return Promise.resolve();
    },
  };
}
