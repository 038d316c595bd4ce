/**
 * What sign-out removes from the disk besides the cache's rows
 * (src/main/db/wipe.ts): the local documents folder.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** Where features keep document copies on disk, if they keep any (removed whole on sign-out). */
export const DOCUMENTS_DIR = 'documents';

export function wipeDocuments(userDataDir: string): void {
  rmSync(join(userDataDir, DOCUMENTS_DIR), { recursive: true, force: true });
}
