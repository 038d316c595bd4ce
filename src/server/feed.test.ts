import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PATHS, WireChange } from '../shared/sync-protocol.js';
import { FeedClient } from './testing/feed-client.js';
import { call, login, reasonOf, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

const URGENT_TICKET = new Set(['new', 'open', 'pending']);

describe('change feed', () => {
  let backend: TestBackend;
  let token: string;

  beforeEach(async () => {
    backend = await startTestBackend({ seed: { tickets: 40 } });
    token = await login(backend.url, 'lea');
  });
  afterEach(async () => {
    await backend.dispose();
  });

  it('delivers urgent records before history, then goes live', async () => {
    const client = new FeedClient(backend.url, token);
    await client.drain(7);
    const phases = client.pages.map((p) => p.phase);
    const firstHistory = phases.indexOf('history');
    const firstLive = phases.indexOf('live');
    expect(firstHistory).toBeGreaterThan(0);
    expect(firstLive).toBeGreaterThan(firstHistory);
    expect(phases.slice(0, firstHistory).every((p) => p === 'urgent')).toBe(true);
    expect(phases.slice(firstHistory, firstLive).every((p) => p === 'history')).toBe(true);
    for (const page of client.pages) {
      for (const raw of page.changes) {
        const c = WireChange.parse(raw);
        if (c.op !== 'upsert' || c.kind !== 'ticket') continue;
        const t = c.data as { status: string; assigneeId: string | null };
        expect(URGENT_TICKET.has(t.status) || (t.assigneeId !== null && t.status !== 'closed')).toBe(
          page.phase === 'urgent',
        );
      }
    }
    const last = client.pages.at(-1);
    expect(last?.hasMore).toBe(false);
    expect(last?.progress).toBeNull();
    const boot = client.pages.filter((p) => p.phase !== 'live');
    expect(boot.every((p) => p.progress !== null && p.hasMore)).toBe(true);
    expect(boot.at(-1)?.progress?.done).toBe(boot.at(-1)?.progress?.total);
  });

  it('a full drain returns every record exactly once', async () => {
    const client = new FeedClient(backend.url, token);
    await client.drain(9);
    const seen = client.pages.flatMap((p) => p.changes.map((c) => WireChange.parse(c))).map((c) => `${c.kind}:${c.id}`);
    expect(new Set(seen).size).toBe(seen.length);
    expect(client.checksums()).toEqual(await backend.checksums());
  });

  it('delivers changes made between pages (nothing missed)', async () => {
    const client = new FeedClient(backend.url, token);
    await client.next(5); // some categories only
    await backend.admin.updateTicket('1', { subject: 'changed before it was sent' });
    await backend.admin.updateTicket('4', { status: 'closed' }); // urgent -> history during the bootstrap
    await backend.admin.createTicket({ subject: 'born during bootstrap' });
    await client.next(30);
    await backend.admin.updateTicket('2', { subject: 'changed after it was sent' });
    await backend.admin.deleteRecord('ticket', '3');
    await client.next(10);
    await backend.admin.bulkUpdateTickets(25);
    await client.drain(10);
    expect(client.checksums()).toEqual(await backend.checksums());
  });

  it('sends deletes as tombstones in live', async () => {
    const client = new FeedClient(backend.url, token);
    await client.drain();
    expect(await backend.admin.deleteRecord('ticket', '5')).toBe(true);
    const page = await client.next();
    const changes = page.changes.map((c) => WireChange.parse(c));
    expect(page.phase).toBe('live');
    expect(changes).toContainEqual({ op: 'delete', kind: 'ticket', id: '5' });
    expect(changes).toContainEqual({ op: 'delete', kind: 'message', id: '5' });
    expect(client.records.has('ticket:5')).toBe(false);
    expect(client.checksums()).toEqual(await backend.checksums());
  });

  it('refuses malformed cursors and limits, and requires a token', async () => {
    for (const q of ['cursor=nope!', 'cursor=eyJwIjoieCJ9', 'limit=0', 'limit=1001', 'limit=abc', 'limit=1.5']) {
      const a = await call(backend.url, 'GET', `${PATHS.changes}?${q}`, { token });
      expect(a.status, q).toBe(400);
      expect(['bad_cursor', 'bad_limit']).toContain(reasonOf(a));
    }
    const anon = await call(backend.url, 'GET', PATHS.changes);
    expect(anon.status).toBe(401);
    const portal = await login(backend.url, 'portal', 'portal');
    const intake = await call(backend.url, 'GET', PATHS.changes, { token: portal });
    expect(intake.status).toBe(403);
    expect(reasonOf(intake)).toBe('role_missing');
  });
});
