/**
 * The console's folders hold personal data (the cache, logs, settings with
 * the last agent): only the person running the console may list or read
 * them. A folder is created 0700, and one that already exists with rights
 * for others (an older version, a folder made by hand, a default under
 * /tmp) is narrowed to 0700. Windows has no such modes: there the profile
 * folder's ACL does this work and chmod changes nothing.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
}
