/**
 * Presence over HTTP: POST /v1/presence fans out on the push channel to the
 * other consoles whose feed carries tickets, never to the person it
 * describes nor to a verifier; a console that goes quiet is gone after the
 * expiry; a console that connects late hears who is there; a bad body is a
 * 400 that changes nothing.
 */
import { createParser } from 'eventsource-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRESENCE_PATH, PresenceEvent } from '../shared/presence.js';
import { PATHS } from '../shared/sync-protocol.js';
import { call, login, reasonOf, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

interface Stream {
  presence: PresenceEvent[];
  changes: number;
}

/** Opens the push stream as `token` and collects its presence events until the test aborts. */
async function listen(url: string, token: string, abort: AbortController): Promise<Stream> {
  const stream: Stream = { presence: [], changes: 0 };
  const res = await fetch(url + PATHS.events, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  const parser = createParser({
    onEvent: (e) => {
      if (e.event === 'presence') stream.presence.push(PresenceEvent.parse(JSON.parse(e.data)));
      if (e.event === 'changes') stream.changes += 1;
    },
  });
  const body = res.body as AsyncIterable<Uint8Array> | null;
  if (body !== null) {
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
      } catch {
        // aborted by the test
      }
    })();
  }
  // The head comes first on every stream: once it is in, the stream is attached.
  await until(() => stream.changes >= 1);
  return stream;
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const say = (url: string, token: string, body: unknown) => call(url, 'POST', PRESENCE_PATH, { token, body });

describe('presence (POST /v1/presence, push event presence)', () => {
  let backend: TestBackend;
  let abort: AbortController;
  const tokens: Record<'marco' | 'sophie' | 'jonas' | 'lea', string> = { marco: '', sophie: '', jonas: '', lea: '' };

  beforeEach(async () => {
    abort = new AbortController();
    backend = await startTestBackend({ heartbeatMs: 50, presenceTtlMs: 400 });
    for (const who of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[who] = await login(backend.url, who);
  });
  afterEach(async () => {
    abort.abort();
    await backend.dispose();
  });

  it('reaches the other agents and experts, never the person it describes nor a verifier', async () => {
    const marco = await listen(backend.url, tokens.marco, abort);
    const sophie = await listen(backend.url, tokens.sophie, abort);
    const jonas = await listen(backend.url, tokens.jonas, abort);
    const lea = await listen(backend.url, tokens.lea, abort);

    const viewing = await say(backend.url, tokens.marco, { ticketId: '1', activity: 'viewing' });
    expect(viewing.status).toBe(204);
    expect(viewing.text).toBe('');
    const marcoViewing = { agentId: '2', name: 'Marco', ticketId: '1', activity: 'viewing' };
    await until(() => sophie.presence.length >= 1 && lea.presence.length >= 1);
    expect(sophie.presence).toEqual([marcoViewing]);
    expect(lea.presence).toEqual([marcoViewing]);

    // A keep-alive with nothing new wakes nobody; replying does, and so does leaving.
    expect((await say(backend.url, tokens.marco, { ticketId: '1', activity: 'viewing' })).status).toBe(204);
    expect((await say(backend.url, tokens.marco, { ticketId: '1', activity: 'replying' })).status).toBe(204);
    expect((await say(backend.url, tokens.marco, { ticketId: null, activity: 'viewing' })).status).toBe(204);
    await until(() => sophie.presence.length >= 3 && lea.presence.length >= 3);
    const expected = [
      marcoViewing,
      { ...marcoViewing, activity: 'replying' },
      { ...marcoViewing, ticketId: null, activity: 'viewing' },
    ];
    expect(sophie.presence).toEqual(expected);
    expect(lea.presence).toEqual(expected);

    // Lea says something too: Marco hears her, and his stream never carried his own presence.
    expect((await say(backend.url, tokens.lea, { ticketId: '2', activity: 'viewing' })).status).toBe(204);
    await until(() => marco.presence.length >= 1 && sophie.presence.length >= 4);
    expect(marco.presence).toEqual([{ agentId: '1', name: 'Lea', ticketId: '2', activity: 'viewing' }]);
    expect(lea.presence).toHaveLength(3);
    // The verifier's stream heard nothing of either.
    expect(jonas.presence).toEqual([]);
  });

  it('forgets a console that stops its heartbeat, and tells the others', async () => {
    const sophie = await listen(backend.url, tokens.sophie, abort);
    expect((await say(backend.url, tokens.marco, { ticketId: '3', activity: 'replying' })).status).toBe(204);
    await until(() => sophie.presence.length >= 1);
    const said = Date.now();
    // No heartbeat follows: after the expiry (400 ms here) the others hear that Marco is gone.
    await until(() => sophie.presence.length >= 2);
    expect(Date.now() - said).toBeGreaterThanOrEqual(350);
    expect(sophie.presence[1]).toEqual({
      agentId: '2',
      name: 'Marco',
      ticketId: null,
      activity: 'replying',
    });
    // A console connecting now hears of nobody.
    // (Who is there is written before the head, and listen() returns once the head is in: nothing comes later.)
    const late = await listen(backend.url, tokens.lea, abort);
    expect(late.presence).toEqual([]);
  });

  it('ends at once when the person signs out, without waiting for the expiry', async () => {
    const sophie = await listen(backend.url, tokens.sophie, abort);
    expect((await say(backend.url, tokens.marco, { ticketId: '5', activity: 'replying' })).status).toBe(204);
    await until(() => sophie.presence.length >= 1);
    const signedOut = await call(backend.url, 'POST', PATHS.logout, { token: tokens.marco });
    expect(signedOut.status).toBe(204);
    // The sign-out said Marco left: an expiry would have kept his last activity, 'replying' (the test above).
    await until(() => sophie.presence.length >= 2);
    expect(sophie.presence[1]).toEqual({ agentId: '2', name: 'Marco', ticketId: null, activity: 'viewing' });
  });

  it('keeps a console that beats in time, and tells a console that connects later who is there', async () => {
    const sophie = await listen(backend.url, tokens.sophie, abort);
    // Heartbeats every 150 ms for 1.2 s: three expiries' worth, and Marco is never called gone.
    for (let i = 0; i < 8; i++) {
      expect((await say(backend.url, tokens.marco, { ticketId: '4', activity: 'viewing' })).status).toBe(204);
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(sophie.presence).toEqual([{ agentId: '2', name: 'Marco', ticketId: '4', activity: 'viewing' }]);
    const late = await listen(backend.url, tokens.lea, abort);
    expect(late.presence).toEqual([{ agentId: '2', name: 'Marco', ticketId: '4', activity: 'viewing' }]);
    // Marco's own new stream is not told about himself.
    const marco = await listen(backend.url, tokens.marco, abort);
    expect(marco.presence).toEqual([]);
  });

  it('refuses a bad body with 400 naming the field, a verifier with 403, no token with 401; none is heard', async () => {
    const sophie = await listen(backend.url, tokens.sophie, abort);
    const bad = [
      { ticketId: '1', activity: 'typing' },
      { ticketId: '', activity: 'viewing' },
      { activity: 'viewing' },
      { ticketId: '1', activity: 'viewing', extra: true },
      'viewing',
    ];
    for (const body of bad) {
      const answer = await say(backend.url, tokens.marco, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(reasonOf(answer)).toBe('invalid_body');
    }
    const typing = await say(backend.url, tokens.marco, { ticketId: '1', activity: 'typing' });
    expect((typing.body as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('activity');
    const verifier = await say(backend.url, tokens.jonas, { ticketId: '1', activity: 'viewing' });
    expect(verifier.status).toBe(403);
    expect(reasonOf(verifier)).toBe('role_missing');
    const anonymous = await call(backend.url, 'POST', PRESENCE_PATH, { body: { ticketId: '1', activity: 'viewing' } });
    expect(anonymous.status).toBe(401);
    // A valid word afterwards is the marker: once Sophie hears it, anything the refused ones caused was before it.
    expect((await say(backend.url, tokens.lea, { ticketId: '1', activity: 'viewing' })).status).toBe(204);
    await until(() => sophie.presence.length >= 1);
    expect(sophie.presence).toEqual([{ agentId: '1', name: 'Lea', ticketId: '1', activity: 'viewing' }]);
  });
});
