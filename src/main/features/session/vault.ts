/**
 * What the session keeps between starts: the backend's session tokens (the
 * access token, the refresh token that renews it, and when each ends) and
 * the key for local data at rest. The Electron implementation encrypts them
 * with `safeStorage` (credentials.ts); the browser harness and tests use the
 * memory vault below (nothing on disk).
 */
import { randomBytes } from 'node:crypto';
import type { CredentialStorage } from '../../../shared/ipc-shell.js';
import type { SessionTokens } from '../../sync/session-tokens.js';

export interface SavedSession extends SessionTokens {
  backendUrl: string;
  login: string;
}

export interface SessionVault {
  /** How well the vault protects what it keeps on disk (fixed for the run). */
  readonly storage: CredentialStorage;
  /** The saved session, or null (none, unreadable, or written by another OS user). */
  readSession(): Promise<SavedSession | null>;
  /** Saves the session; with `persist: false` (no secure store) it is kept in memory for this run only. */
  writeSession(session: SavedSession, persist: boolean): Promise<void>;
  /** Forgets the token only (it expired); the key stays, so data at rest stays readable. */
  forgetSession(): Promise<void>;
  /** The key for local data at rest (32 bytes), made on first use. */
  cacheKey(): Promise<Buffer>;
  /** Forgets the token and the key, in memory and on disk. */
  wipe(): Promise<void>;
}

export const CACHE_KEY_BYTES = 32;

export function createMemoryVault(storage: CredentialStorage = 'secure'): SessionVault {
  let session: SavedSession | null = null;
  let key: Buffer | null = null;
  return {
    storage,
    readSession: () => Promise.resolve(session),
    writeSession(s) {
      session = s;
      return Promise.resolve();
    },
    forgetSession() {
      session = null;
      return Promise.resolve();
    },
    cacheKey() {
      key ??= randomBytes(CACHE_KEY_BYTES);
      return Promise.resolve(key);
    },
    wipe() {
      session = null;
      key?.fill(0);
      key = null;
      return Promise.resolve();
    },
  };
}
