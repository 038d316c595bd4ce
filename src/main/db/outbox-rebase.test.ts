/**
 * The backend copies under pending actions across a re-bootstrap: after a
 * restored or replaced backend the new copy of a ticket may be older than the
 * one the actions were made on, or the ticket may be gone.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/entities.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { makeCategory, makeTicket, tempDir, upsertTicket } from './test-fixtures.js';

const caches: Cache[] = [];
afterEach(() => {
  for (const c of caches.splice(0)) c.close();
});

const NOW = new Date('2026-02-01T10:00:00.000Z');
const categories: ValidChange[] = [0, 1, 2, 3].map((n) => ({
  op: 'upsert',
  kind: 'category',
  id: `C${n}`,
  version: 1,
  record: makeCategory(n),
}));

function cacheWith(...tickets: Ticket[]): Cache {
  const cache = openCache(path.join(tempDir('outbox-rebase'), 'cache.db'));
  caches.push(cache);
  cache.writer.applyChanges([...categories, ...tickets.map(upsertTicket)], [], 'c1', 'live');
  return cache;
}
const bases = (c: Cache): number => c.db.prepare('SELECT count(*) FROM outbox_base').pluck().get() as number;

describe('outbox bases across a re-bootstrap', () => {
  it('takes the new copy as the base even when it is older, with the pending action still on top', () => {
    const t = makeTicket(1, { status: 'open', categoryId: 'C1', version: 3, subject: 'As the lost history left it' });
    const c = cacheWith(t);
    expect(
      c.writer.outbox.act({ type: 'recategorise', ticketId: t.id, categoryId: 'C2' }, { actor: 'lea', now: NOW }),
    ).toMatchObject({ accepted: true });

    c.writer.resetForBootstrap('http://backend');
    expect(bases(c)).toBe(0);
    // The restored backend's copy: version 2, other contents.
    const restored: Ticket = { ...t, version: 2, subject: 'As the restored copy has it' };
    c.writer.applyChanges([...categories, upsertTicket(restored)], [], 'c2', 'live');

    expect(c.reader.getRecord('ticket', t.id)).toMatchObject({
      subject: 'As the restored copy has it',
      categoryId: 'C2',
      version: 2,
    });
    expect(c.reader.outboxFor(t.id)).toMatchObject([{ state: 'pending', action: { categoryId: 'C2' } }]);
    // A later copy from the feed still moves the base, the action staying on top.
    c.writer.applyChanges([upsertTicket({ ...restored, version: 3, priority: 'high' })], [], 'c3', 'live');
    expect(c.reader.getRecord('ticket', t.id)).toMatchObject({ priority: 'high', categoryId: 'C2', version: 3 });
  });

  it('keeps no base for a ticket the new bootstrap does not have, and shows no row for it', () => {
    const t = makeTicket(2, { status: 'open', categoryId: 'C1' });
    const other = makeTicket(3, { status: 'open' });
    const c = cacheWith(t, other);
    c.writer.outbox.act({ type: 'recategorise', ticketId: t.id, categoryId: 'C3' }, { actor: 'lea', now: NOW });

    c.writer.resetForBootstrap('http://backend');
    c.writer.applyChanges([...categories, upsertTicket(other)], [], 'c2', 'live');

    expect(c.reader.getRecord('ticket', t.id)).toBeNull();
    expect(bases(c)).toBe(0);
    expect(c.reader.outboxCounts()).toEqual({ pending: 1, needsAttention: 0 });
  });
});
