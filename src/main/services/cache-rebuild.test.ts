/**
 * The console's own rebuild path, with the real worker and the reference
 * backend: a large cache (as at 1M tickets: only the cheap check at start)
 * whose ticket and index pages were damaged after a clean stop is found
 * damaged while the console runs, moved aside and replaced, and the actions
 * taken offline before the stop still reach the backend once.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyKey } from '../db/cipher.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend, ReferenceBackendOptions } from '../../server/index.js';
import { tempDir } from '../db/test-fixtures.js';
import { createMemoryVault } from '../features/session/vault.js';
import type { SessionVault } from '../features/session/vault.js';
import { DEMO_LOGIN, waitFor } from '../sync/test-support.js';
import { createConsoleServices } from './index.js';
import type { ConsoleServices } from './index.js';

const opts = (dbPath: string, port = 0): ReferenceBackendOptions => ({
  dbPath,
  port,
  seed: { seed: 13, tickets: 400 },
  demo: true,
  testEndpoints: true,
  heartbeatMs: 200,
  pushDebounceMs: 10,
});

let backendDb: string;
let backend: ReferenceBackend;
const key = randomBytes(32);
// The app's vault keeps the cache key across starts (safeStorage); the memory vault would make a new one.
const vault = (): SessionVault => ({ ...createMemoryVault(), cacheKey: () => Promise.resolve(key) });

beforeAll(async () => {
  backendDb = path.join(tempDir('rebuild-backend'), 'backend.db');
  backend = await startReferenceBackend(opts(backendDb));
});
afterAll(async () => {
  await backend.close();
});

const start = (userDataDir: string, cacheFullCheckMaxPages?: number): Promise<ConsoleServices> =>
  createConsoleServices({
    userDataDir,
    env: {
      SUPPORT_CONSOLE_BACKEND_URL: backend.url,
      SUPPORT_CONSOLE_LOGIN: DEMO_LOGIN.login,
      SUPPORT_CONSOLE_PASSWORD: DEMO_LOGIN.password,
    },
    vault: vault(),
    ...(cacheFullCheckMaxPages === undefined ? {} : { cacheFullCheckMaxPages }),
  });

const live = (s: ConsoleServices): boolean => {
  const status = s.handlers['sync:status']();
  return 'phase' in status && status.phase === 'live' && status.lastPulledAt !== null;
};

/** The middle leaf page of the tickets table and of its largest index, and a flip of each page's header. */
function damageTicketAndIndexPages(file: string): void {
  const raw = new Database(file, { readonly: true });
  applyKey(raw, key);
  const leaves = raw.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck();
  const index = raw
    .prepare(
      "SELECT d.name FROM dbstat d JOIN sqlite_schema s ON s.name = d.name WHERE s.type = 'index' AND s.tbl_name = 'tickets' GROUP BY d.name ORDER BY count(*) DESC LIMIT 1",
    )
    .pluck()
    .get() as string;
  const pages = [leaves.all('tickets') as number[], leaves.all(index) as number[]].map((p) => p[p.length >> 1] ?? 1);
  raw.close();
  const fd = fs.openSync(file, 'r+');
  for (const page of pages) {
    const header = Buffer.alloc(8);
    fs.readSync(fd, header, 0, 8, (page - 1) * 4096);
    fs.writeSync(
      fd,
      header.map((b) => b ^ 0xff),
      0,
      8,
      (page - 1) * 4096,
    );
  }
  fs.closeSync(fd);
}

describe('cache rebuilt while the console runs', () => {
  it(
    'damaged pages found after the start: moved aside, rebuilt, the offline actions delivered once',
    { timeout: 120_000 },
    async () => {
      const userDataDir = tempDir('rebuild');
      const cacheFile = path.join(userDataDir, 'cache.sqlite');
      const first = await start(userDataDir);
      await waitFor(() => live(first), 30_000);
      const raw = new Database(cacheFile, { readonly: true });
      applyKey(raw, key);
      const ids = raw
        .prepare(
          "SELECT id, category_id AS categoryId, version FROM tickets WHERE status IN ('new', 'open', 'pending') AND level = 1 AND channel <> 'chat' AND duplicate_of_id IS NULL ORDER BY rid LIMIT 5",
        )
        .all() as { id: string; categoryId: string; version: number }[];
      const categories = raw.prepare("SELECT id FROM categories WHERE id <> 'termination'").pluck().all() as string[];
      raw.close();

      const port = Number(new URL(backend.url).port);
      await backend.close();
      const expected = ids.map((t) => ({ ...t, target: categories.find((c) => c !== t.categoryId) ?? 'general' }));
      for (const t of expected) {
        const result = await first.handlers['ticket:act']({
          type: 'recategorise',
          ticketId: t.id,
          categoryId: t.target,
        });
        expect(result.accepted).toBe(true);
      }
      const pendingAfterActs = first.handlers['sync:status']();
      expect('outboxPending' in pendingAfterActs && pendingAfterActs.outboxPending).toBe(5);
      await first.stop();
      damageTicketAndIndexPages(cacheFile);

      backend = await startReferenceBackend(opts(backendDb, port));
      const second = await start(userDataDir, 0);
      try {
        const moved = (): boolean => fs.readdirSync(userDataDir).some((f) => f.startsWith('cache.sqlite.corrupt-'));
        const arrived = async (): Promise<boolean> => {
          for (const t of expected)
            if ((await backend.admin.get('ticket', t.id))?.categoryId !== t.target) return false;
          return true;
        };
        await waitFor(async () => moved() && (await arrived()) && live(second), 60_000);
        for (const t of expected)
          expect(await backend.admin.get('ticket', t.id)).toMatchObject({
            categoryId: t.target,
            version: t.version + 1,
          });
        const status = second.handlers['sync:status']();
        expect(status).toMatchObject({ outboxPending: 0, outboxNeedsAttention: 0 });
        // The new file's rows are the backend's: the sidebar reads them through the same readers as before.
        const ticket = await second.handlers['ticket:get'](expected[0]?.id ?? '');
        expect(ticket?.ticket.categoryId).toBe(expected[0]?.target);
        const log = fs.readFileSync(path.join(userDataDir, 'logs', 'console.log'), 'utf8');
        expect(log).toMatch(/cache damaged: moving it aside/);
      } finally {
        await second.stop();
      }
    },
  );
});
