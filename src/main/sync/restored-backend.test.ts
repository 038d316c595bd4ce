/**
 * A backend restored from an older copy of its SQLite file, then written past
 * its old head, under a console that synced the lost writes and holds pending
 * actions made on them: the real reference backend on one port, real files.
 * The console must end with the backend's data, and send nothing made on
 * records that are no longer the ones the person saw.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend, ReferenceBackendOptions } from '../../server/index.js';
import type { Ticket } from '../../shared/entities.js';
import type { TicketAction } from '../../shared/ipc.js';
import { HISTORY_DIVERGED } from '../../shared/sync-protocol.js';
import { openCache } from '../db/connection.js';
import type { Cache } from '../db/connection.js';
import { cacheChecksums } from '../db/test-checksums.js';
import { tempDir } from '../db/test-fixtures.js';
import { createSyncEngine } from './engine.js';
import type { SyncEngine } from './engine.js';
import type { SyncEvent } from './events.js';
import { DEMO_LOGIN, FAST_RETRY, waitFor } from './test-support.js';

const SEEDED = 60;

const opts = (dbPath: string, port = 0): ReferenceBackendOptions => ({
  dbPath,
  port,
  seed: { seed: 11, tickets: SEEDED },
  demo: true,
  heartbeatMs: 200,
  pushDebounceMs: 10,
});

/** A closed backend's file (its last connection checkpointed the WAL into it). */
function copyDb(from: string, to: string): void {
  for (const suffix of ['-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
  fs.copyFileSync(from, to);
}

describe('a backend restored from an older copy and written past its old head', () => {
  let dir: string;
  let backendDb: string;
  let backend: ReferenceBackend | null;
  let cache: Cache;
  let engine: SyncEngine;
  let events: SyncEvent[];

  const live = (): ReferenceBackend => {
    if (backend === null) throw new Error('the backend is stopped');
    return backend;
  };
  const row = (id: string): Ticket | null => cache.reader.getRecord('ticket', id);
  const act = async (action: TicketAction): Promise<string> => {
    const r = await engine.act(action);
    if (!r.accepted) throw new Error(`refused locally: ${r.reason}`);
    return r.actionId;
  };
  const settled = (): boolean => cache.reader.outboxCounts().pending === 0;
  const otherCategory = (t: Ticket | null): string => {
    const ids = cache.db.prepare('SELECT id FROM categories ORDER BY id').pluck().all() as string[];
    const other = ids.find((c) => c !== t?.categoryId && c !== 'termination');
    if (other === undefined) throw new Error('no other category');
    return other;
  };

  beforeEach(async () => {
    dir = tempDir('restored-backend');
    backendDb = path.join(dir, 'backend.db');
    backend = await startReferenceBackend(opts(backendDb));
    cache = openCache(path.join(dir, 'cache.db'));
    events = [];
    engine = createSyncEngine({
      cache,
      baseUrl: live().url,
      ...DEMO_LOGIN,
      retry: FAST_RETRY,
      push: false,
      safetyPullMs: 3_600_000,
      onEvent: (e) => events.push(e),
    });
    await engine.pullNow();
  });
  afterEach(async () => {
    await engine.stop();
    cache.close();
    await backend?.close();
  });

  // Which the console meets first after the restore: its pull (410 on the cursor) or its outbox (409 on the action).
  it.each(['the pull', 'the outbox'])(
    'ends equal to the backend and shows the actions made on lost data refused, whichever meets it first: %s',
    async (first) => {
      const port = Number(new URL(live().url).port);
      await live().close();
      const backup = path.join(dir, 'backup.db');
      copyDb(backendDb, backup);

      // Written after the copy and synced by the console: 17 edited tickets, 3 replies, 10 new tickets.
      backend = await startReferenceBackend(opts(backendDb, port));
      // Ticket 1 becomes open work, so the agent may recategorise it below.
      await live().admin.updateTicket('1', { subject: 'Lost edit of 1', status: 'open', level: 1, channel: 'email' });
      for (let id = 2; id <= 17; id++) await live().admin.updateTicket(String(id), { subject: `Lost edit of ${id}` });
      const lostNew = [];
      for (let i = 0; i < 10; i++) lostNew.push(await live().admin.createTicket({ subject: `Lost new ${i}` }));
      await engine.pullNow();
      for (const t of lostNew.slice(1, 4))
        await act({ type: 'reply', ticketId: t.id, body: `Lost reply ${t.id}`, internal: false });
      await waitFor(settled, 10_000);
      await engine.pullNow();
      expect(cacheChecksums(cache)).toEqual(await live().checksums());
      const ticket2001 = lostNew[0]?.id ?? '';
      expect(row(ticket2001)?.subject).toBe('Lost new 0');

      // The backend goes down; the agent solves the new ticket and recategorises an edited one.
      await live().close();
      backend = null;
      const solve = await act({ type: 'setStatus', ticketId: ticket2001, status: 'solved' });
      const target = '1';
      const category = otherCategory(row(target));
      const recat = await act({ type: 'recategorise', ticketId: target, categoryId: category });
      expect(row(target)).toMatchObject({ subject: `Lost edit of ${target}`, categoryId: category });

      // The copy goes back and the backend is written past its old head: the same ids are other tickets.
      copyDb(backup, backendDb);
      backend = await startReferenceBackend(opts(backendDb, port));
      for (let i = 0; i < 12; i++) await live().admin.createTicket({ subject: `After the restore ${i}` });
      await live().admin.updateTicket('5', { subject: 'Edited after the restore' });
      const before2001 = await live().admin.get('ticket', ticket2001);
      expect(before2001?.subject).toBe('After the restore 0');

      if (first === 'the pull') await engine.pullNow();
      else await engine.drainOutbox();
      await waitFor(() => events.some((e) => e.type === 'rebootstrap'), 10_000);
      await waitFor(settled, 10_000);
      await engine.pullNow();

      // Nothing made on the lost data reached the backend: ticket 2001 there is untouched.
      expect(await live().admin.get('ticket', ticket2001)).toEqual(before2001);
      expect((await live().admin.get('ticket', target))?.categoryId).not.toBe(category);
      // Both actions are shown refused, with what they were.
      const [solveEntry] = cache.reader.outboxFor(ticket2001);
      expect(solveEntry).toMatchObject({
        actionId: solve,
        state: 'rejected',
        reason: HISTORY_DIVERGED,
        action: { type: 'setStatus', ticketId: ticket2001, status: 'solved' },
      });
      // Sent first, the action met the backend's own refusal of it (nothing else pulled meanwhile: no push here).
      if (first === 'the outbox') expect(solveEntry?.message).toMatch(/action was made on data of another history/);
      expect(cache.reader.outboxFor(target)[0]).toMatchObject({
        actionId: recat,
        state: 'rejected',
        reason: HISTORY_DIVERGED,
      });
      // The cache is the backend's: no lost edit, reply or ticket, the recategorised ticket back at its restored version.
      expect(row(target)).toEqual(await live().admin.get('ticket', target));
      expect(cacheChecksums(cache)).toEqual(await live().checksums());
      expect(cache.reader.outboxCounts()).toEqual({ pending: 0, needsAttention: 2 });

      // "Keep theirs" lets the refused action go; the row stays the backend's.
      await engine.resolveOutbox(recat, 'keep-theirs');
      expect(cache.reader.outboxFor(target)).toEqual([]);
      expect(row(target)).toEqual(await live().admin.get('ticket', target));
    },
  );
});
