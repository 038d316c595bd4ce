/**
 * The outbox against the real reference backend over HTTP: actions shown at
 * once, sent exactly once, surviving a dead backend and a restarted console,
 * conflicts and rule refusals shown with what the backend holds.
 */
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend, ReferenceBackendOptions } from '../../server/index.js';
import type { Ticket } from '../../shared/entities.js';
import type { TicketAction } from '../../shared/ipc.js';
import { cacheChecksums } from '../db/test-checksums.js';
import { tempDir } from '../db/test-fixtures.js';
import { consoleOn, DEMO_LOGIN, waitFor } from './test-support.js';
import type { EngineUnderTest } from './test-support.js';

type Console = EngineUnderTest;

function openConsole(file: string, url: string): Console {
  return consoleOn(file, url, {
    // These tests are about sending and refusals: a merge goes at once instead of waiting to be undone.
    engine: { safetyPullMs: 3_600_000, mergeUndoMs: 0 },
  });
}

const opts = (dbPath: string, port = 0): ReferenceBackendOptions => ({
  dbPath,
  port,
  seed: { seed: 5, tickets: 300 },
  demo: true,
  testEndpoints: true,
  heartbeatMs: 200,
  pushDebounceMs: 10,
});

let backendDb: string;
let backend: ReferenceBackend;
let con: Console;
const used = new Set<string>();

const row = (id: string): Ticket => {
  const t = con.cache.reader.getRecord('ticket', id);
  if (t === null) throw new Error(`ticket ${id} not cached`);
  return t;
};
const server = async (id: string): Promise<Ticket> => {
  const t = await backend.admin.get('ticket', id);
  if (t === undefined) throw new Error(`ticket ${id} not on the backend`);
  return t;
};
const categories = (): string[] =>
  (con.cache.db.prepare('SELECT id FROM categories ORDER BY id').pluck().all() as string[]).filter(
    (c) => c !== 'termination',
  );
/** A fresh level-1, open, non-chat ticket no other test touched. */
function freshTicket(): Ticket {
  const ids = con.cache.db
    .prepare(
      "SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending') AND level = 1 AND channel <> 'chat' AND duplicate_of_id IS NULL ORDER BY rid",
    )
    .pluck()
    .all() as string[];
  const id = ids.find((i) => !used.has(i));
  if (id === undefined) throw new Error('ran out of tickets');
  used.add(id);
  return row(id);
}
const otherCategory = (t: Ticket): string => categories().find((c) => c !== t.categoryId) ?? 'general';
const act = async (action: TicketAction): Promise<string> => {
  const r = await con.engine.act(action);
  if (!r.accepted) throw new Error(`refused locally: ${r.reason}`);
  return r.actionId;
};
const settled = (): boolean => con.cache.reader.outboxCounts().pending === 0;

beforeAll(async () => {
  backendDb = path.join(tempDir('outbox-backend'), 'backend.db');
  backend = await startReferenceBackend(opts(backendDb));
  con = openConsole(path.join(tempDir('outbox-cache'), 'cache.db'), backend.url);
  await con.engine.pullNow();
});
afterEach(() => {
  backend.setFaults({ errorRate: 0, dropRate: 0, truncateRate: 0, latencyMs: 0 });
});
afterAll(async () => {
  await con.close();
  await backend.close();
});

describe('outbox against the reference backend', () => {
  it('shows an action at once (row + pending entry) and it reaches the backend exactly once', async () => {
    const t = freshTicket();
    const target = otherCategory(t);
    const messagesBefore = (await backend.checksums()).message.count;
    const recat = con.engine.act({ type: 'recategorise', ticketId: t.id, categoryId: target });
    // Written before the promise even settles: the same synchronous transaction.
    expect(row(t.id).categoryId).toBe(target);
    expect(row(t.id).version).toBe(t.version);
    const entries = con.cache.reader.outboxFor(t.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.state).toMatch(/pending|sending/);
    expect(con.cache.reader.outboxStateByTicket([t.id]).get(t.id)).toEqual({ pending: true, needsAttention: false });
    expect((await recat).accepted).toBe(true);
    await act({ type: 'reply', ticketId: t.id, body: 'Merci, nous regardons.', internal: false });

    await waitFor(settled, 10_000);
    expect(await server(t.id)).toMatchObject({ categoryId: target, version: t.version + 2 });
    expect((await backend.checksums()).message.count).toBe(messagesBefore + 1);
    // The answers were written: the row is the backend's record, and the reply is cached.
    expect(row(t.id)).toEqual(await server(t.id));
    expect(con.cache.reader.messagesOf(t.id).some((m) => m.body === 'Merci, nous regardons.')).toBe(true);
    expect(con.cache.reader.outboxStateByTicket([t.id]).size).toBe(0);
    await con.engine.pullNow();
    expect((await backend.checksums()).message.count).toBe(messagesBefore + 1);
    expect(cacheChecksums(con.cache)).toEqual(await backend.checksums());
    expect(con.events.some((e) => e.type === 'signed-in' && e.agent.roles.includes('agent'))).toBe(true);
    expect(con.events.some((e) => e.type === 'outbox' && e.ticketIds.includes(t.id))).toBe(true);
  });

  it('keeps actions through a dead backend and a console restart; each arrives once, in order', async () => {
    const port = Number(new URL(backend.url).port);
    const three = [freshTicket(), freshTicket(), freshTicket()];
    const twice = freshTicket();
    await backend.close();

    const targets = three.map((t) => otherCategory(t));
    for (const [i, t] of three.entries())
      await act({ type: 'recategorise', ticketId: t.id, categoryId: targets[i] ?? '' });
    // Two offline actions on one ticket, both based on the same version: they must not conflict with each other.
    await act({ type: 'assign', ticketId: twice.id, assigneeId: 'ag-lea' });
    await act({ type: 'setStatus', ticketId: twice.id, status: 'pending' });
    await waitFor(() => con.events.some((e) => e.type === 'offline'), 10_000);
    expect(con.cache.reader.outboxCounts()).toEqual({ pending: 5, needsAttention: 0 });
    expect(row(twice.id)).toMatchObject({ assigneeId: 'ag-lea', status: 'pending', version: twice.version });

    // The console restarts on the same cache file while the backend is still down.
    const file = con.cache.db.name;
    await con.close();
    con = openConsole(file, backend.url);
    await con.engine.start();
    expect(con.cache.reader.outboxCounts().pending).toBe(5);
    for (const [i, t] of three.entries()) expect(row(t.id).categoryId).toBe(targets[i]);
    const marks = con.cache.reader.outboxStateByTicket(three.map((t) => t.id));
    expect([...marks.values()].every((m) => m.pending && !m.needsAttention)).toBe(true);

    backend = await startReferenceBackend(opts(backendDb, port));
    expect(backend.url).toBe(`http://127.0.0.1:${port}`);
    await waitFor(settled, 20_000);
    for (const [i, t] of three.entries())
      expect(await server(t.id)).toMatchObject({ categoryId: targets[i], version: t.version + 1 });
    expect(await server(twice.id)).toMatchObject({
      assigneeId: 'ag-lea',
      status: 'pending',
      version: twice.version + 2,
    });
    expect(con.cache.reader.outboxCounts()).toEqual({ pending: 0, needsAttention: 0 });
    expect(con.cache.reader.outboxStateByTicket([...three, twice].map((t) => t.id)).size).toBe(0);
    await con.engine.pullNow();
    expect(cacheChecksums(con.cache)).toEqual(await backend.checksums());
  });

  it('sends an action again silently when someone else changed other fields of the ticket meanwhile', async () => {
    const a = freshTicket();
    const target = otherCategory(a);
    await backend.admin.updateTicket(a.id, { priority: 'urgent', assigneeId: 'ag-marco' });
    const mine = await act({ type: 'recategorise', ticketId: a.id, categoryId: target });
    await waitFor(settled, 10_000);
    // Their priority and assignee, and my category on top: one 409 answered by a resend, never shown as a conflict.
    expect(await server(a.id)).toMatchObject({
      categoryId: target,
      priority: 'urgent',
      assigneeId: 'ag-marco',
      version: a.version + 2,
    });
    expect(con.cache.reader.outboxFor(a.id)).toEqual([]);
    expect(con.cache.reader.outboxCounts()).toEqual({ pending: 0, needsAttention: 0 });
    expect(row(a.id)).toEqual(await server(a.id));
    expect(con.events.some((e) => e.type === 'outbox' && e.needsAttention > 0)).toBe(false);
    await expect(con.engine.resolveOutbox(mine, 'keep-theirs')).rejects.toThrow(/No outbox entry/);
  });

  it('turns a change of the same field by someone else into a conflict; "keep theirs" and "apply mine again" both work', async () => {
    const a = freshTicket();
    const [mineCategory, theirCategory] = categories().filter((c) => c !== a.categoryId);
    if (mineCategory === undefined || theirCategory === undefined) throw new Error('not enough categories');
    const theirs = await backend.admin.updateTicket(a.id, { categoryId: theirCategory, priority: 'urgent' });
    const mine = await act({ type: 'recategorise', ticketId: a.id, categoryId: mineCategory });
    await waitFor(() => con.cache.reader.outboxFor(a.id)[0]?.state === 'conflict', 10_000);
    const [entry] = con.cache.reader.outboxFor(a.id);
    expect(entry).toMatchObject({ actionId: mine, reason: 'stale_version', theirs });
    // The row shows the backend's record (no other pending action), not my refused change.
    expect(row(a.id)).toEqual(theirs);
    expect(con.cache.reader.outboxCounts()).toEqual({ pending: 0, needsAttention: 1 });
    await con.engine.resolveOutbox(mine, 'keep-theirs');
    expect(con.cache.reader.outboxFor(a.id)).toEqual([]);
    expect(row(a.id)).toEqual(await server(a.id));

    const b = freshTicket();
    const [target, other] = categories().filter((c) => c !== b.categoryId);
    if (target === undefined || other === undefined) throw new Error('not enough categories');
    await backend.admin.updateTicket(b.id, { categoryId: other, priority: 'low' });
    const first = await act({ type: 'recategorise', ticketId: b.id, categoryId: target });
    await waitFor(() => con.cache.reader.outboxFor(b.id)[0]?.state === 'conflict', 10_000);
    await con.engine.resolveOutbox(first, 'apply-mine-again');
    // Shown again at once, on top of their version.
    expect(row(b.id)).toMatchObject({ categoryId: target, priority: 'low' });
    await waitFor(settled, 10_000);
    expect(await server(b.id)).toMatchObject({ categoryId: target, priority: 'low', version: b.version + 2 });
    expect(con.cache.reader.outboxFor(b.id)).toEqual([]);
    expect(row(b.id)).toEqual(await server(b.id));
    await expect(con.engine.resolveOutbox(first, 'keep-theirs')).rejects.toThrow(/No outbox entry/);
  });

  it('shows a rule refusal (422) as rejected with its reason, and reverts the row', async () => {
    const [b, c] = [freshTicket(), freshTicket()];
    // A merge stays within one customer: a is made b's customer's, and the cache learns it.
    const a = await backend.admin.updateTicket(freshTicket().id, {
      accountId: b.accountId,
      requesterEmail: b.requesterEmail,
    });
    await con.engine.pullNow();
    // Someone merges b meanwhile; the cache does not know yet, so the local check lets the merge through.
    await backend.admin.updateTicket(b.id, { duplicateOfId: c.id, status: 'closed' });
    await act({ type: 'merge', ticketId: a.id, intoId: b.id });
    expect(row(a.id)).toMatchObject({ duplicateOfId: b.id, status: 'closed' });
    await waitFor(() => con.cache.reader.outboxFor(a.id)[0]?.state === 'rejected', 10_000);
    expect(con.cache.reader.outboxFor(a.id)[0]).toMatchObject({ reason: 'merge_target_is_duplicate', theirs: null });
    expect(row(a.id)).toEqual(await server(a.id));
    expect(row(a.id).duplicateOfId).toBeNull();

    // A chat termination marked solved: refused locally, and by the backend when forced past the local check.
    const chat = await backend.admin.createTicket({ channel: 'chat', categoryId: 'termination', status: 'open' });
    await con.engine.pullNow();
    const solved: TicketAction = { type: 'setStatus', ticketId: chat.id, status: 'solved' };
    expect(await con.engine.act(solved)).toMatchObject({ accepted: false, reason: 'termination_via_chat' });
    expect(con.cache.reader.outboxFor(chat.id)).toEqual([]);
    const forced = con.cache.writer.outbox.act(solved, {
      actor: DEMO_LOGIN.login,
      now: new Date(),
      skipLocalRules: true,
    });
    expect(forced.accepted).toBe(true);
    expect(row(chat.id).status).toBe('solved');
    await con.engine.drainOutbox();
    expect(con.cache.reader.outboxFor(chat.id)[0]).toMatchObject({ state: 'rejected', reason: 'termination_via_chat' });
    expect(row(chat.id)).toEqual(await server(chat.id));
    expect(row(chat.id).status).toBe('open');
    expect(con.cache.reader.outboxCounts().needsAttention).toBe(2);
  });

  it('still delivers each action exactly once through 5xx, dropped connections and truncated answers', async () => {
    const tickets = Array.from({ length: 6 }, () => freshTicket());
    const messagesBefore = (await backend.checksums()).message.count;
    backend.setFaults({ errorRate: 0.25, dropRate: 0.2, truncateRate: 0.25, seed: 42 });
    for (const t of tickets) {
      await act({ type: 'reply', ticketId: t.id, body: `Réponse pour ${t.id}`, internal: false });
      await act({ type: 'assign', ticketId: t.id, assigneeId: 'ag-lea' });
    }
    await waitFor(settled, 30_000);
    backend.setFaults({ errorRate: 0, dropRate: 0, truncateRate: 0 });
    expect(con.cache.reader.outboxCounts().needsAttention).toBe(2); // the two refusals of the test above
    expect((await backend.checksums()).message.count).toBe(messagesBefore + tickets.length);
    for (const t of tickets) expect(await server(t.id)).toMatchObject({ assigneeId: 'ag-lea', version: t.version + 2 });
    await con.engine.pullNow();
    for (const t of tickets) expect(row(t.id)).toEqual(await server(t.id));
  });
});
