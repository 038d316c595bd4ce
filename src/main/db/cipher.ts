/**
 * The cache encrypted at rest (SQLite3 Multiple Ciphers through
 * better-sqlite3-multiple-ciphers): the key goes first on every connection,
 * a plain cache from an older version is encrypted in place, and sign-out
 * moves the emptied cache to a new key. The key is never logged, never
 * written anywhere but into the pragma (the error messages here never hold
 * it).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';

/** The vault's key for local data at rest: 32 random bytes, used as they are (no passphrase KDF). */
const KEY_BYTES = 32;

/**
 * ChaCha20-Poly1305 ("sqleet", the library's default, named so a change of default cannot make existing
 * caches unreadable): every page carries its own nonce and tag, so a changed or swapped page is refused
 * rather than read. No tool needs to open the cache (it is rebuilt from the backend), so SQLCipher's
 * compatibility buys nothing.
 */
export const CACHE_CIPHER = 'chacha20';

/** The reason `health.reason` starts with when the vault's key does not open the file. */
export const CACHE_KEY_LOST = 'cache key lost';

function checkKey(key: Uint8Array): string {
  if (key.byteLength !== KEY_BYTES)
    throw new Error(`The cache key must be ${String(KEY_BYTES)} bytes, got ${String(key.byteLength)}`);
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex');
}

/**
 * Must run before anything reads the file: SQLite reads page 1 on the first statement, and a connection
 * that read it without the key stays unable to decrypt. The `x'…'` form hands the 32 bytes over as the
 * raw key, skipping the PBKDF2 rounds a passphrase would cost on every open.
 */
export function applyKey(db: Db, key: Uint8Array): void {
  const hex = checkKey(key);
  db.pragma(`cipher = '${CACHE_CIPHER}'`);
  db.pragma(`key = "x'${hex}'"`);
}

/**
 * A cache written by a version without encryption: the file opens without a key. It is encrypted in
 * place (its outbox, cursor and records kept) and true is answered; false when the file does not open
 * without a key either (encrypted with another key, or not SQLite at all). The library rekeys only
 * outside WAL (its 2.3 line), so the WAL is folded into the file and switched off first; the rekey runs
 * in one transaction with a rollback journal, so a crash midway leaves the plain file as it was.
 */
export function encryptPlainCache(file: string, key: Uint8Array, nativeBinding: { nativeBinding?: string }): boolean {
  const hex = checkKey(key);
  const db = new Database(file, nativeBinding);
  try {
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_NOTADB') return false;
      throw err;
    }
    const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (checkpoint !== undefined && checkpoint.busy !== 0)
      throw new Error('The plain cache is in use by another process: it cannot be encrypted now');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw new Error(`Could not leave WAL to encrypt the cache (got ${String(mode)})`);
    db.pragma(`cipher = '${CACHE_CIPHER}'`);
    db.pragma(`rekey = "x'${hex}'"`);
    return true;
  } finally {
    db.close();
  }
}

/**
 * Moves an open cache to a new key (sign-out forgets the old one with the vault). The caller has stopped
 * every other connection: leaving WAL needs the file to itself. The file goes back to WAL afterwards.
 */
export function rekeyCache(db: Db, key: Uint8Array): void {
  const hex = checkKey(key);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const mode = db.pragma('journal_mode = DELETE', { simple: true });
  if (mode !== 'delete') throw new Error(`Could not leave WAL to change the cache key (got ${String(mode)})`);
  try {
    db.pragma(`rekey = "x'${hex}'"`);
  } catch (err) {
    // The rekey rolled back: the file keeps its old key, and goes back to WAL like the worker expects.
    db.pragma('journal_mode = WAL');
    throw err;
  }
  const back = db.pragma('journal_mode = WAL', { simple: true });
  if (back !== 'wal') throw new Error(`Could not return the cache to WAL (got ${String(back)})`);
}
