/**
 * Presence between two consoles (the whole services, their sync workers)
 * on one reference backend over real HTTP: what Marco's window says reaches
 * Léa's console; the keep-alive holds him there past the backend's expiry;
 * and nothing of it reaches Léa's cache: every row of every table of her
 * (decrypted) cache file is the same before and after.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../../server/index.js';
import type { ReferenceBackend } from '../../../server/index.js';
import type { PresenceEntry } from '../../../shared/presence.js';
import { applyKey } from '../../db/cipher.js';
import { tempDir } from '../../db/test-fixtures.js';
import { createConsoleServices } from '../../services/index.js';
import type { ConsoleServices } from '../../services/index.js';
import { backendOptions, waitFor } from '../../sync/test-support.js';
import { createMemoryVault } from '../session/vault.js';
import type { SessionVault } from '../session/vault.js';

const TTL_MS = 1_000;
const KEEP_ALIVE_MS = 200;

let backend: ReferenceBackend;
const consoles: { services: ConsoleServices; dir: string; vault: SessionVault; heard: PresenceEntry[][] }[] = [];

async function openConsole(login: string) {
  const dir = tempDir(`presence-${login}`);
  const vault = createMemoryVault();
  const services = await createConsoleServices({
    userDataDir: dir,
    vault,
    env: { SUPPORT_CONSOLE_BACKEND_URL: backend.url, SUPPORT_CONSOLE_LOGIN: login, SUPPORT_CONSOLE_PASSWORD: 'demo' },
    // No safety pull during the test: the cache only changes if something writes to it.
    workerSettings: { presenceKeepAliveMs: KEEP_ALIVE_MS, safetyPullMs: 600_000 },
  });
  const heard: PresenceEntry[][] = [];
  services.subscribe((channel, payload) => {
    if (channel === 'presence:changed') heard.push(payload as PresenceEntry[]);
  });
  await waitFor(() => {
    const s = services.handlers['sync:status']();
    return 'phase' in s && s.phase === 'live' && s.lastPulledAt !== null;
  }, 30_000);
  const opened = { services, dir, vault, heard };
  consoles.push(opened);
  return opened;
}

/** A digest of every row of every table of a cache file, read with its key. */
async function cacheDigest(file: string, vault: SessionVault): Promise<string> {
  const db = new Database(file, { readonly: true });
  try {
    applyKey(db, await vault.cacheKey());
    const hash = createHash('sha256');
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    for (const { name } of tables) {
      hash.update(name);
      for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().all()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  backend = await startReferenceBackend({ ...backendOptions(40), presenceTtlMs: TTL_MS });
});
afterAll(async () => {
  for (const c of consoles) await c.services.stop();
  await backend.close();
});

describe('presence between two consoles', () => {
  it("reaches the other console, is kept alive past the expiry, and never touches the other's cache", async () => {
    const lea = await openConsole('lea');
    const marco = await openConsole('marco');
    const leaCache = `${lea.dir}/cache.sqlite`;
    const before = await cacheDigest(leaCache, lea.vault);
    const presentAtLea = () => lea.services.handlers['presence:get']() as PresenceEntry[];

    await marco.services.handlers['presence:set']({ ticketId: '3', activity: 'viewing' });
    await waitFor(() => presentAtLea().some((p) => p.agentId === 'ag-marco' && p.ticketId === '3'), 5_000);
    expect(presentAtLea()).toEqual([
      { agentId: 'ag-marco', name: 'Marco Bernasconi', ticketId: '3', activity: 'viewing' },
    ]);
    await marco.services.handlers['presence:set']({ ticketId: '3', activity: 'replying' });
    await waitFor(() => presentAtLea()[0]?.activity === 'replying', 5_000);
    // The window pushed each change to Léa's windows as it came.
    expect(lea.heard.at(-1)).toEqual(presentAtLea());
    // Marco's console never hears about himself.
    expect(marco.services.handlers['presence:get']()).toEqual([]);

    // Three expiries later, the keep-alive has held him there without anyone saying anything new.
    const heardBefore = lea.heard.length;
    await new Promise((r) => setTimeout(r, 3 * TTL_MS));
    expect(presentAtLea()).toEqual([
      { agentId: 'ag-marco', name: 'Marco Bernasconi', ticketId: '3', activity: 'replying' },
    ]);
    expect(lea.heard.length).toBe(heardBefore);

    // Nothing of it is in Léa's cache file: every table reads the same as before.
    expect(await cacheDigest(leaCache, lea.vault)).toBe(before);

    // Marco leaves the ticket: gone at Léa's.
    await marco.services.handlers['presence:set']({ ticketId: null, activity: 'viewing' });
    await waitFor(() => presentAtLea().length === 0, 5_000);
  });
});
