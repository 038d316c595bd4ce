/**
 * Which failures are the cache file's, not the network's: a full disk, a
 * file that cannot be written, a damaged file. The status names them instead
 * of saying "offline" (retrying the backend cannot help), and says what
 * happens next.
 */
import type { StorageProblem } from '../../shared/ipc.js';

function sqliteCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/** The storage problem `err` is, or null when it is something else (the network, the backend). */
export function storageProblemOf(err: unknown): StorageProblem | null {
  const code = sqliteCode(err);
  if (code === null) return null;
  const detail = `${code}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
  if (code === 'SQLITE_FULL') return { problem: 'full', detail };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { problem: 'damaged', detail };
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    code === 'SQLITE_PERM'
  )
    return { problem: 'read-only', detail };
  return null;
}
