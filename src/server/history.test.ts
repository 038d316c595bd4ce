/**
 * The history anchor of cursors and actions, against a backend restored from
 * an older backup of its database and written past its old head, and
 * against another database seeded alike: real databases (a SQLite file, or
 * PostgreSQL in the `postgres` project: testing/backups.ts), real HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_DIVERGED, PATHS, SYNC_CURSOR_HEADER } from '../shared/sync-protocol.js';
import { testDatabases } from './testing/backups.js';
import type { DatabaseOptions, TestDatabases } from './testing/backups.js';
import { FeedClient } from './testing/feed-client.js';
import { call, login, mutate, reasonOf, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

/** The cursor a client holds after at least one page. */
function held(client: FeedClient): string {
  if (client.cursor === null) throw new Error('the client has no cursor yet');
  return client.cursor;
}

describe('history anchor', () => {
  let databases: TestDatabases;
  let main: DatabaseOptions;
  const running: TestBackend[] = [];

  const start = async (db = main): Promise<TestBackend> => {
    const b = await startTestBackend({ ...db, seed: { tickets: 30 } });
    running.push(b);
    return b;
  };
  const stop = async (b: TestBackend): Promise<void> => {
    running.splice(running.indexOf(b), 1);
    await b.dispose();
  };
  const feedAnswer = (url: string, token: string, cursor: string) =>
    call(url, 'GET', `${PATHS.changes}?cursor=${encodeURIComponent(cursor)}`, { token });

  beforeEach(async () => {
    databases = testDatabases();
    main = await databases.create();
  });
  afterEach(async () => {
    for (const b of running.splice(0)) await b.dispose();
    await databases.dispose();
  });

  it('refuses the cursor and the actions of a history a restored backup no longer has; keeps the shared past', async () => {
    let backend = await start();
    let token = await login(backend.url, 'lea');
    const before = new FeedClient(backend.url, token);
    await before.drain();
    const atBackup = held(before);
    await stop(backend);
    const backup = await databases.backup(main);

    // Written after the backup: 3 edits and 2 new tickets (31, 32), which the client syncs.
    backend = await start();
    token = await login(backend.url, 'lea');
    const client = new FeedClient(backend.url, token);
    client.cursor = atBackup;
    for (const id of ['1', '2', '3']) await backend.admin.updateTicket(id, { subject: `lost edit of ${id}` });
    await backend.admin.createTicket({ subject: 'lost new ticket A' });
    await backend.admin.createTicket({ subject: 'lost new ticket B' });
    await client.drain();
    const seenAfter = held(client);
    await stop(backend);

    // The backup is restored, and the backend is written past its old head: ids 31 and 32 are other tickets now.
    await databases.restore(backup, main);
    backend = await start();
    for (let i = 0; i < 8; i++) await backend.admin.createTicket({ subject: `after the restore ${i}` });
    await backend.admin.updateTicket('4', { subject: 'edited after the restore' });
    token = await login(backend.url, 'lea');

    const refused = await feedAnswer(backend.url, token, seenAfter);
    expect(refused.status).toBe(410);
    expect(reasonOf(refused)).toBe(HISTORY_DIVERGED);

    // A cursor from before the backup is of this history too: it resumes and the client ends equal.
    const shared = await feedAnswer(backend.url, token, atBackup);
    expect(shared.status).toBe(200);
    const resumed = new FeedClient(backend.url, token);
    for (const [key, r] of before.records) resumed.records.set(key, r);
    resumed.cursor = atBackup;
    await resumed.drain();
    expect(resumed.checksums()).toEqual(await backend.checksums());

    // "Solve 31" made on the lost ticket 31 is not applied to the new ticket 31; made on this history, it is.
    const marco = await login(backend.url, 'marco');
    const newTicket = await backend.admin.get('ticket', '31');
    const solve = { baseVersion: newTicket?.version ?? 0, status: 'solved' };
    const lost = await call(backend.url, 'POST', '/v1/tickets/31/status', {
      token: marco,
      body: solve,
      headers: { 'idempotency-key': 'solve-31-lost', [SYNC_CURSOR_HEADER]: seenAfter },
    });
    expect(lost.status).toBe(409);
    expect(reasonOf(lost)).toBe(HISTORY_DIVERGED);
    expect(await backend.admin.get('ticket', '31')).toEqual(newTicket);
    // The refusal is the key's answer for good: the same request again does not apply it either.
    const again = await call(backend.url, 'POST', '/v1/tickets/31/status', {
      token: marco,
      body: solve,
      headers: { 'idempotency-key': 'solve-31-lost', [SYNC_CURSOR_HEADER]: held(resumed) },
    });
    expect(again.status).toBe(409);
    expect((await backend.admin.get('ticket', '31'))?.status).toBe(newTicket?.status);

    const current = await call(backend.url, 'POST', '/v1/tickets/31/status', {
      token: marco,
      body: solve,
      headers: { 'idempotency-key': 'solve-31-now', [SYNC_CURSOR_HEADER]: held(resumed) },
    });
    expect(current.status).toBe(200);
    expect((await backend.admin.get('ticket', '31'))?.status).toBe('solved');
  });

  it('refuses a cursor of another database seeded alike at the same seq', async () => {
    const first = await start();
    const other = await start(await databases.create());
    const tokenFirst = await login(first.url, 'lea');
    const tokenOther = await login(other.url, 'lea');
    const client = new FeedClient(first.url, tokenFirst);
    await client.drain();
    // Same seed, same clock: the same records at the same seqs, but not the same database.
    expect(await other.checksums()).toEqual(await first.checksums());
    const answer = await feedAnswer(other.url, tokenOther, held(client));
    expect(answer.status).toBe(410);
    expect(reasonOf(answer)).toBe(HISTORY_DIVERGED);
    // The bootstrap's cursor (the snapshot's anchor) is checked too.
    const boot = new FeedClient(first.url, tokenFirst);
    await boot.next(5);
    expect((await feedAnswer(other.url, tokenOther, held(boot))).status).toBe(410);
    expect((await feedAnswer(first.url, tokenFirst, held(boot))).status).toBe(200);
  });

  it('asks a cursor handed out before anchors for a new bootstrap (400 bad_cursor)', async () => {
    const backend = await start();
    const token = await login(backend.url, 'lea');
    const client = new FeedClient(backend.url, token);
    await client.drain();
    const parsed = JSON.parse(Buffer.from(held(client), 'base64url').toString('utf8')) as Record<string, unknown>;
    delete parsed.x;
    const old = Buffer.from(JSON.stringify(parsed)).toString('base64url');
    const answer = await feedAnswer(backend.url, token, old);
    expect(answer.status).toBe(400);
    expect(reasonOf(answer)).toBe('bad_cursor');
    // An action from such a console is not refused for it: its history cannot be told.
    const marco = await login(backend.url, 'marco');
    const solved = await mutate(backend.url, marco, 'setStatus', '2', {
      baseVersion: (await backend.admin.get('ticket', '2'))?.version ?? 0,
      status: 'solved',
    });
    expect(solved.status).toBe(200);
  });
});
