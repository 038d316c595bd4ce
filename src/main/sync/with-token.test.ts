/**
 * withToken against the real reference backend: a token it never handed out
 * (as an expired one) gets one new sign-in and the request again; a second
 * refusal is the caller's error; other refusals sign nobody in. Then the
 * engine's four users of it — the pull, the outbox, a direct call and the
 * push channel — each recover from an expired saved token with one sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { PATHS } from '../../shared/sync-protocol.js';
import { openCache } from '../db/connection.js';
import { createSyncEngine } from './engine.js';
import type { SyncEvent } from './events.js';
import { createApiClient, HttpStatusError } from './http.js';
import type { ApiClient } from './http.js';
import { backendOptions, DEMO_LOGIN, engineFor, FAST_RETRY, waitFor } from './test-support.js';
import { withToken } from './with-token.js';

/** Well-formed, never issued: the backend answers 401 "invalid or expired", as for an expired token. */
const EXPIRED = 'expired-token-0000000000000000000000000000';
const ALSO_EXPIRED = 'expired-token-1111111111111111111111111111';

let backend: ReferenceBackend;
let api: ApiClient;

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(200));
  api = createApiClient(backend.url, { retry: FAST_RETRY });
});

afterAll(async () => {
  await api.close();
  await backend.close();
});

/** A token source that records which tokens the request was sent with and how often it signed in. */
function recordingTokens(current: string, renewed: () => Promise<string>) {
  const seen = { signIns: 0, sentWith: [] as string[] };
  const tokens = {
    current: () => Promise.resolve(current),
    renew: async () => {
      seen.signIns += 1;
      return renewed();
    },
  };
  const firstPage = (token: string) => {
    seen.sentWith.push(token);
    return api.changes(token, null, 5);
  };
  return { seen, tokens, firstPage };
}

const signIn = async (): Promise<string> => (await api.login(DEMO_LOGIN.login, DEMO_LOGIN.password)).token;

describe('withToken', () => {
  it('signs in once more after a 401 and answers with the second try', async () => {
    const { seen, tokens, firstPage } = recordingTokens(EXPIRED, signIn);
    const page = await withToken(tokens, firstPage);
    expect(page.changes.length).toBe(5);
    expect(seen.signIns).toBe(1);
    expect(seen.sentWith[0]).toBe(EXPIRED);
    expect(seen.sentWith).toHaveLength(2);
    expect(seen.sentWith[1]).not.toBe(EXPIRED);
  });

  it('throws the second 401 instead of signing in again', async () => {
    const { seen, tokens, firstPage } = recordingTokens(EXPIRED, () => Promise.resolve(ALSO_EXPIRED));
    const refused = withToken(tokens, firstPage);
    await expect(refused).rejects.toBeInstanceOf(HttpStatusError);
    await expect(refused).rejects.toMatchObject({ status: 401 });
    expect(seen.signIns).toBe(1);
    expect(seen.sentWith).toEqual([EXPIRED, ALSO_EXPIRED]);
  });

  it('signs nobody in for a refusal that is not about the token', async () => {
    const { seen, tokens } = recordingTokens(await signIn(), signIn);
    const missing = withToken(tokens, (t) => api.download(t, PATHS.document('no-such-document'), 1000));
    await expect(missing).rejects.toMatchObject({ status: 404 });
    expect(seen.signIns).toBe(0);
  });
});

describe("the engine's requests with an expired saved token", () => {
  let cacheFile: string;

  beforeAll(async () => {
    // A cache already synced, as the console finds it on its next start.
    const first = engineFor(backend);
    await first.engine.pullNow();
    cacheFile = first.file;
    await first.close();
  });

  /** An engine on the synced cache that starts from `token` instead of signing in. */
  function restarted(token: string, extra: { password?: string; push?: boolean } = {}) {
    const cache = openCache(cacheFile);
    const events: SyncEvent[] = [];
    const engine = createSyncEngine({
      cache,
      baseUrl: backend.url,
      ...DEMO_LOGIN,
      token,
      retry: FAST_RETRY,
      push: false,
      pushSilenceMs: 1_000,
      safetyPullMs: 600_000,
      ...extra,
      onEvent: (e) => events.push(e),
    });
    const signIns = (): number => events.filter((e) => e.type === 'signed-in').length;
    const close = async (): Promise<void> => {
      await engine.stop();
      cache.close();
    };
    return { cache, engine, events, signIns, close };
  }

  it('pull: signs in once and reaches the head', async () => {
    const t = restarted(EXPIRED);
    try {
      await backend.admin.updateTicket('1', { subject: 'Changed while the console was closed' });
      await t.engine.pullNow();
      expect(t.signIns()).toBe(1);
      expect(t.cache.reader.getRecord('ticket', '1')).toMatchObject({
        subject: 'Changed while the console was closed',
      });
    } finally {
      await t.close();
    }
  });

  it('outbox: signs in once and the backend applies the action', async () => {
    const t = restarted(EXPIRED);
    try {
      const id = t.cache.db.prepare("SELECT id FROM tickets WHERE status = 'open' AND level = 1 LIMIT 1").pluck().get();
      if (typeof id !== 'string') throw new Error('no open ticket');
      expect(await t.engine.act({ type: 'escalate', ticketId: id, note: '' })).toMatchObject({ accepted: true });
      await waitFor(async () => (await backend.admin.get('ticket', id))?.level === 2, 10_000);
      await waitFor(() => t.cache.reader.outboxCounts().pending === 0, 10_000);
      expect(t.signIns()).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('direct call: signs in once and answers', async () => {
    const t = restarted(EXPIRED);
    try {
      const missing = t.engine.download('no-such-document', 1000);
      await expect(missing).rejects.toMatchObject({ status: 404 });
      expect(t.signIns()).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('push: signs in once and connects', async () => {
    const t = restarted(EXPIRED, { push: true });
    try {
      await t.engine.start();
      await waitFor(() => t.events.some((e) => e.type === 'online'), 10_000);
      expect(t.signIns()).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('without a password, asks the person to sign in and refuses the call', async () => {
    const t = restarted(EXPIRED, { password: '' });
    try {
      await expect(t.engine.download('no-such-document', 1000)).rejects.toThrow(/sign-in required/);
      expect(t.events.filter((e) => e.type === 'auth-required')).toHaveLength(1);
      expect(t.signIns()).toBe(0);
    } finally {
      await t.close();
    }
  });
});
