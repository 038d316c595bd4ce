import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createParser } from 'eventsource-parser';
import { PATHS, PushEvent } from '../shared/sync-protocol.js';
import { decodeCursor } from './store/cursor.js';
import { login, mutate, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

interface Received {
  events: { event: string | undefined; data: string }[];
  comments: string[];
  ended: boolean;
}

/** Opens the SSE stream and collects what arrives until `abort`. */
async function listen(
  url: string,
  token: string,
  abort: AbortController,
): Promise<{ status: number; received: Received; type: string | null }> {
  const received: Received = { events: [], comments: [], ended: false };
  const res = await fetch(url + PATHS.events, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const parser = createParser({
    onEvent: (e) => received.events.push({ event: e.event, data: e.data }),
    onComment: (c) => received.comments.push(c.trim()),
  });
  const body = res.body;
  if (body) {
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of body as AsyncIterable<Uint8Array>)
          parser.feed(decoder.decode(chunk, { stream: true }));
      } catch {
        // aborted by the test
      }
      received.ended = true;
    })();
  }
  return { status: res.status, received, type: res.headers.get('content-type') };
}

/** The seq a pushed head names; it must be a live cursor. */
function liveSeq(head: string): number {
  const cursor = decodeCursor(head);
  if (cursor?.p !== 'l') throw new Error(`not a live cursor: ${head}`);
  return cursor.s;
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('push (SSE)', () => {
  let backend: TestBackend;
  let token: string;
  let abort: AbortController;

  beforeEach(async () => {
    abort = new AbortController();
    backend = await startTestBackend({ heartbeatMs: 50, pushDebounceMs: 10 });
    token = await login(backend.url, 'marco');
  });
  afterEach(async () => {
    abort.abort();
    await backend.dispose();
  });

  it('sends the head at once, a changes event after a commit, and heartbeats', async () => {
    const { status, received, type } = await listen(backend.url, token, abort);
    expect(status).toBe(200);
    expect(type).toContain('text/event-stream');
    await until(() => received.events.length >= 1);
    await backend.admin.updateTicket('1', { subject: 'pushed' });
    await backend.admin.updateTicket('2', { subject: 'pushed too' });
    const written = await backend.admin.head(['agent']);
    // A console pulls up to the head the last event names: an event must come that names the newest
    // commit's. The first commit's event may carry its own head: each commit is announced after it
    // commits, on the bus, and the head is read one debounce window after the announcement arrives. On
    // SQLite the bus is a call and both commits usually fall in one window (one event); on PostgreSQL the
    // announcement comes back through the server's NOTIFY, often after the second commit's window opened
    // (two events, the first at the first commit's head). Both are right; an event that never reaches the
    // written head, or heads going back, are not.
    const heads = (): string[] => received.events.map((e) => PushEvent.parse(JSON.parse(e.data)).head);
    await until(() => heads().at(-1) === written && received.comments.includes('heartbeat'));
    expect(received.events.map((e) => e.event)).toEqual(received.events.map(() => 'changes'));
    const seqs = heads().map(liveSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it("tells each person only of commits to the kinds their roles receive, with their own scope's head", async () => {
    const jonas = await login(backend.url, 'jonas');
    const agent = await listen(backend.url, token, abort);
    const verifier = await listen(backend.url, jonas, abort);
    await until(() => agent.received.events.length >= 1 && verifier.received.events.length >= 1);

    // A verifier opens an identity document: an audit entry, nothing an agent receives.
    expect((await mutate(backend.url, jonas, 'recordDocumentView', '1', { documentId: 'doc-1' })).status).toBe(200);
    await until(() => verifier.received.events.length >= 2);
    expect(PushEvent.parse(JSON.parse(verifier.received.events[1]?.data ?? '')).head).toBe(
      await backend.admin.head(['verifier']),
    );
    // A ticket edit: agents hear of it, verifiers do not. Events come in order on one stream, so an event the
    // person should get marks how far their stream got: a wrong one would be before it. (A fixed wait passes
    // when a wrong event comes late, as it can on PostgreSQL, each commit announced back through NOTIFY.)
    const headOf = (e: { data: string } | undefined): string => PushEvent.parse(JSON.parse(e?.data ?? '')).head;
    await backend.admin.updateTicket('1', { subject: 'pushed' });
    const agentHead = await backend.admin.head(['agent']);
    await until(() => headOf(agent.received.events.at(-1)) === agentHead);
    // The agent's stream: the greeting, then the ticket edit; the audit entry before it was not announced.
    expect(agent.received.events).toHaveLength(2);
    // The verifier's marker: a second document view, after the ticket edit.
    expect((await mutate(backend.url, jonas, 'recordDocumentView', '1', { documentId: 'doc-1' })).status).toBe(200);
    const verifierHead = await backend.admin.head(['verifier']);
    await until(() => headOf(verifier.received.events.at(-1)) === verifierHead);
    // The greeting, the first view, the second: nothing of the ticket edit between them.
    expect(verifier.received.events).toHaveLength(3);
  });

  it('refuses without a token, and close() ends open streams', async () => {
    const anon = await fetch(backend.url + PATHS.events);
    expect(anon.status).toBe(401);
    const { received } = await listen(backend.url, token, abort);
    await until(() => received.events.length >= 1);
    await backend.close(); // must not hang on the open stream
    await until(() => received.ended);
  });

  it('ends the stream at the next heartbeat once its session is signed out, and refuses it then', async () => {
    const other = await login(backend.url, 'marco');
    const mine = await listen(backend.url, token, abort);
    const theirs = await listen(backend.url, other, abort);
    await until(() => mine.received.comments.includes('heartbeat'));
    const out = await fetch(backend.url + PATHS.logout, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    await until(() => mine.received.ended);
    expect(theirs.received.ended).toBe(false);
    expect((await fetch(backend.url + PATHS.events, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
  });
});
