/**
 * Tokens that end, against the reference backend with a 3 s access token:
 * the engine renews with the refresh token (once, however many requests were
 * refused at the same time), hands the new pair to `saveTokens` and goes on;
 * a refresh token already spent ends the session (auth-required), and the
 * action waiting in the outbox is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import type { LoginResponse } from '../../shared/sync-protocol.js';
import { createApiClient } from './http.js';
import type { ApiClient } from './http.js';
import { refreshingTokens, sessionTokensOf } from './session-tokens.js';
import type { SessionTokens } from './session-tokens.js';
import { backendOptions, DEMO_LOGIN, engineFor, FAST_RETRY, waitFor } from './test-support.js';
import { withToken } from './with-token.js';

const ACCESS_MS = 3_000;

let backend: ReferenceBackend;
let api: ApiClient;

beforeAll(async () => {
  backend = await startReferenceBackend({ ...backendOptions(200), tokenLifetimes: { accessTtlMs: ACCESS_MS } });
  api = createApiClient(backend.url, { retry: FAST_RETRY });
});

afterAll(async () => {
  await api.close();
  await backend.close();
});

/** An engine started from a sign-in's tokens (no password), recording the pairs it asks to keep. */
function engineOn(answer: LoginResponse, tokens: SessionTokens = sessionTokensOf(answer)) {
  const saved: SessionTokens[] = [];
  const t = engineFor(backend, {
    password: '',
    ...tokens,
    refreshMarginMs: 0,
    saveTokens: (pair) => {
      saved.push(pair);
      return Promise.resolve();
    },
  });
  return { ...t, saved };
}

async function untilExpired(answer: LoginResponse): Promise<void> {
  const left = Date.parse(answer.expiresAt ?? '') - Date.now();
  await new Promise((r) => setTimeout(r, Math.max(0, left) + 100));
}

const openLevelOneTicket = (t: ReturnType<typeof engineOn>): string => {
  const id = t.cache.db.prepare("SELECT id FROM tickets WHERE status = 'open' AND level = 1 LIMIT 1").pluck().get();
  if (typeof id !== 'string') throw new Error('no open level-1 ticket');
  return id;
};

describe('an access token that ends', () => {
  it('is renewed once with the refresh token while a pull and an outbox action both meet the 401', async () => {
    const answer = await api.login(DEMO_LOGIN.login, DEMO_LOGIN.password);
    // Without expiresAt (as with a console clock behind the backend's) only the backend's 401 says the token ended.
    const { expiresAt: _unknownHere, ...tokens } = sessionTokensOf(answer);
    const t = engineOn(answer, tokens);
    try {
      await t.engine.pullNow();
      const id = openLevelOneTicket(t);
      await untilExpired(answer);
      await expect(api.changes(answer.token, null, 1)).rejects.toMatchObject({ status: 401, reason: 'token_expired' });

      const [acted] = await Promise.all([
        t.engine.act({ type: 'escalate', ticketId: id, note: '' }),
        t.engine.pullNow(),
        t.engine.drainOutbox(),
      ]);
      expect(acted).toMatchObject({ accepted: true });
      await waitFor(async () => (await backend.admin.get('ticket', id))?.level === 2, 10_000);
      await waitFor(() => t.cache.reader.outboxCounts().pending === 0, 10_000);

      expect(t.saved).toHaveLength(1);
      const [renewed] = t.saved;
      expect(renewed?.token).not.toBe(answer.token);
      expect(renewed?.refreshToken).not.toBe(answer.refreshToken);
      expect(Date.parse(renewed?.expiresAt ?? '')).toBeGreaterThan(Date.parse(answer.expiresAt ?? ''));
      // The kept pair is the one the backend takes now.
      expect((await api.changes(renewed?.token ?? '', null, 1)).changes).toHaveLength(1);
      expect(t.events.filter((e) => e.type === 'auth-required' || e.type === 'signed-in')).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('with a refresh token spent elsewhere ends the session: auth-required, the action kept in the outbox', async () => {
    const answer = await api.login(DEMO_LOGIN.login, DEMO_LOGIN.password);
    const t = engineOn(answer);
    try {
      await t.engine.pullNow();
      const id = openLevelOneTicket(t);
      // Someone else (a copied vault) renews first: the console's use of the same refresh token is the second.
      const elsewhere = await api.refresh(answer.refreshToken ?? '');
      await untilExpired(answer);

      expect(await t.engine.act({ type: 'escalate', ticketId: id, note: '' })).toMatchObject({ accepted: true });
      await waitFor(() => t.events.some((e) => e.type === 'auth-required'), 10_000);
      await t.engine.drainOutbox().catch(() => undefined);

      expect(t.cache.reader.outboxCounts().pending).toBe(1);
      expect((await backend.admin.get('ticket', id))?.level).toBe(1);
      expect(t.saved).toEqual([]);
      // The second use revoked the whole session, the other holder's new pair with it.
      await expect(api.changes(elsewhere.token, null, 1)).rejects.toMatchObject({
        status: 401,
        reason: 'token_revoked',
      });
    } finally {
      await t.close();
    }
  });

  it('renews a token past its expiresAt once for three requests at the same time, and keeps the new pair before any of them is sent', async () => {
    const answer = await api.login(DEMO_LOGIN.login, DEMO_LOGIN.password);
    const sentWith: string[] = [];
    const seenAtSave: string[][] = [];
    let refreshes = 0;
    const tokens = refreshingTokens({
      initial: sessionTokensOf(answer),
      refresh: (refreshToken) => {
        refreshes += 1;
        return api.refresh(refreshToken);
      },
      signIn: () => Promise.reject(new Error('no sign-in expected')),
      save: async () => {
        seenAtSave.push([...sentWith]);
        // A slow vault: the requests must wait for it.
        await new Promise((r) => setTimeout(r, 200));
      },
      marginMs: 0,
      now: Date.now,
    });
    await untilExpired(answer);
    const firstPage = (t: string) => {
      sentWith.push(t);
      return api.changes(t, null, 1);
    };
    const pages = await Promise.all([1, 2, 3].map(() => withToken(tokens, firstPage)));
    expect(pages.map((p) => p.changes.length)).toEqual([1, 1, 1]);
    expect(refreshes).toBe(1);
    const renewed = tokens.held()?.token;
    expect(renewed).not.toBe(answer.token);
    // The clock said the token had ended: no request went out with it, and none before the pair was kept.
    expect(seenAtSave).toEqual([[]]);
    expect(sentWith).toEqual([renewed, renewed, renewed]);
  });
});
