import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSafeStorageVault, credentialStorage, CREDENTIALS_FILE } from './credentials.js';
import { resetFakeElectron, safeStorage } from './testing/fake-electron.js';

vi.mock('electron', () => import('./testing/fake-electron.js'));

const TOKEN = 'tok_0123456789abcdef0123456789';
const session = { backendUrl: 'https://helpdesk.example.ch', login: 'lea', token: TOKEN };
const dir = () => mkdtempSync(join(tmpdir(), 'shell-credentials-'));

beforeEach(() => {
  resetFakeElectron();
});

describe('credentials kept with safeStorage', () => {
  it('knows a secure store from Linux basic_text and from no encryption at all', async () => {
    expect(await credentialStorage(safeStorage, 'linux')).toBe('secure');
    expect(await credentialStorage(safeStorage, 'darwin')).toBe('secure');
    safeStorage.backend = 'basic_text';
    expect(await credentialStorage(safeStorage, 'linux')).toBe('insecure');
    // getSelectedStorageBackend is a Linux notion: elsewhere the OS store is used.
    expect(await credentialStorage(safeStorage, 'win32')).toBe('secure');
    safeStorage.available = false;
    expect(await credentialStorage(safeStorage, 'win32')).toBe('none');
  });

  it('writes the token and the cache key encrypted, and reads them back in the next run', async () => {
    const d = dir();
    const vault = await createSafeStorageVault(safeStorage, d, 'linux');
    await vault.writeSession(session, true);
    const key = await vault.cacheKey();
    expect(key).toHaveLength(32);
    const onDisk = readFileSync(join(d, CREDENTIALS_FILE));
    expect(onDisk.toString()).toMatch(/^FAKE-ENC:/);
    expect(onDisk.toString()).not.toContain(TOKEN);
    expect(onDisk.toString()).not.toContain(key.toString('base64'));

    const next = await createSafeStorageVault(safeStorage, d, 'linux');
    expect(await next.readSession()).toEqual(session);
    expect((await next.cacheKey()).equals(key)).toBe(true);
  });

  it('keeps the refresh token and both expiries beside the access token, encrypted, for the next run', async () => {
    const d = dir();
    const REFRESH = 'rt_fedcba9876543210fedcba9876';
    const renewed = {
      ...session,
      expiresAt: '2026-12-02T18:00:00.000Z',
      refreshToken: REFRESH,
      refreshExpiresAt: '2027-01-01T06:00:00.000Z',
    };
    await (await createSafeStorageVault(safeStorage, d, 'linux')).writeSession(renewed, true);
    expect(readFileSync(join(d, CREDENTIALS_FILE)).toString()).not.toContain(REFRESH);
    expect(await (await createSafeStorageVault(safeStorage, d, 'linux')).readSession()).toEqual(renewed);
  });

  it('with basic_text: keeps the session in memory only, never on disk', async () => {
    safeStorage.backend = 'basic_text';
    const d = dir();
    const vault = await createSafeStorageVault(safeStorage, d, 'linux');
    expect(vault.storage).toBe('insecure');
    await vault.writeSession(session, true);
    expect(await vault.readSession()).toEqual(session);
    await vault.cacheKey();
    expect(existsSync(join(d, CREDENTIALS_FILE))).toBe(false);
    expect(safeStorage.encrypted).toBe(0);
    expect(await (await createSafeStorageVault(safeStorage, d, 'linux')).readSession()).toBeNull();
  });

  it('forgets an expired token but keeps the key', async () => {
    const d = dir();
    const vault = await createSafeStorageVault(safeStorage, d, 'linux');
    await vault.writeSession(session, true);
    const key = Buffer.from(await vault.cacheKey());
    await vault.forgetSession();
    const next = await createSafeStorageVault(safeStorage, d, 'linux');
    expect(await next.readSession()).toBeNull();
    expect((await next.cacheKey()).equals(key)).toBe(true);
  });

  it('wipes token and key from memory and disk', async () => {
    const d = dir();
    const vault = await createSafeStorageVault(safeStorage, d, 'linux');
    await vault.writeSession(session, true);
    const key = await vault.cacheKey();
    const copy = Buffer.from(key);
    await vault.wipe();
    expect(existsSync(join(d, CREDENTIALS_FILE))).toBe(false);
    expect(await vault.readSession()).toBeNull();
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    expect((await vault.cacheKey()).equals(copy)).toBe(false);
  });

  it('treats a file it cannot decrypt (another user, a new keyring) as no session', async () => {
    const d = dir();
    writeFileSync(join(d, CREDENTIALS_FILE), 'garbage');
    const vault = await createSafeStorageVault(safeStorage, d, 'linux');
    expect(await vault.readSession()).toBeNull();
  });
});
