/**
 * The session vault on disk, encrypted with Electron's `safeStorage`
 * (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) in
 * `<userData>/credentials.bin`. On Linux safeStorage may fall back to
 * `basic_text`, a hard-coded password: that is reported as `insecure`, and
 * the session is then never written to disk (memory only, after the person
 * agreed to go on). Nothing here is ever logged.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { z } from 'zod';
import type { CredentialStorage } from '../../shared/ipc-shell.js';
import { CACHE_KEY_BYTES } from '../features/session/vault.js';
import type { SavedSession, SessionVault } from '../features/session/vault.js';

export const CREDENTIALS_FILE = 'credentials.bin';

const Stored = z.object({
  session: z
    .object({
      backendUrl: z.string(),
      login: z.string(),
      token: z.string(),
      // Absent in files written before the backend's tokens ended, and from backends that hand out none.
      expiresAt: z.string().optional(),
      refreshToken: z.string().optional(),
      refreshExpiresAt: z.string().optional(),
    })
    .nullable(),
  cacheKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
});
type Stored = z.infer<typeof Stored>;

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/** How well safeStorage protects secrets here. Call after the app is ready. */
export async function credentialStorage(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform,
): Promise<CredentialStorage> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'none';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return 'insecure';
  }
  return 'secure';
}

export async function createSafeStorageVault(
  safeStorage: SafeStorageLike,
  userDataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<SessionVault> {
  const file = join(userDataDir, CREDENTIALS_FILE);
  const storage = await credentialStorage(safeStorage, platform);
  let memorySession: SavedSession | null = null;
  let key: Buffer | null = null;

  const readStored = async (): Promise<Stored | null> => {
    if (storage !== 'secure') return null;
    try {
      const { result } = await safeStorage.decryptStringAsync(await readFile(file));
      const parsed = Stored.safeParse(JSON.parse(result));
      return parsed.success ? parsed.data : null;
    } catch {
      // Missing, or unreadable (another OS user, a reinstalled keyring): as if never signed in.
      return null;
    }
  };
  const writeStored = async (value: Stored): Promise<void> => {
    if (storage !== 'secure') return;
    const tmp = `${file}.${String(process.pid)}.tmp`;
    await writeFile(tmp, await safeStorage.encryptStringAsync(JSON.stringify(value)), { mode: 0o600 });
    await rename(tmp, file);
  };
  const cacheKey = async (): Promise<Buffer> => {
    if (key !== null) return key;
    const stored = await readStored();
    key = stored === null ? randomBytes(CACHE_KEY_BYTES) : Buffer.from(stored.cacheKey, 'base64');
    if (stored === null) await writeStored({ session: null, cacheKey: key.toString('base64') });
    return key;
  };

  return {
    storage,
    async readSession() {
      return memorySession ?? (await readStored())?.session ?? null;
    },
    async writeSession(session, persist) {
      memorySession = session;
      if (persist) await writeStored({ session, cacheKey: (await cacheKey()).toString('base64') });
    },
    async forgetSession() {
      memorySession = null;
      if ((await readStored()) !== null)
        await writeStored({ session: null, cacheKey: (await cacheKey()).toString('base64') });
    },
    cacheKey,
    async wipe() {
      memorySession = null;
      key?.fill(0);
      key = null;
      await rm(file, { force: true });
    },
  };
}
