/**
 * Sign-in, a saved session, expiry and sign-out, through the real console
 * services, a real sync worker and the reference backend on 127.0.0.1 (the
 * vault is the memory one: safeStorage itself is covered in
 * credentials.test.ts with the Electron fake).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../../server/index.js';
import type { ReferenceBackend } from '../../../server/index.js';
import type { SessionState } from '../../../shared/ipc-shell.js';
import { openCacheFileReadOnly, tempDir } from '../../db/test-fixtures.js';
import { createConsoleServices } from '../../services/index.js';
import type { ConsoleServices } from '../../services/index.js';
import { createApiClient } from '../../sync/http.js';
import { backendOptions, FAST_RETRY, waitFor } from '../../sync/test-support.js';
import { countNewPriority } from '../../shell/attention.js';
import { createMemoryVault } from './vault.js';
import type { SessionVault } from './vault.js';
import { DOCUMENTS_DIR } from './wipe.js';

let backend: ReferenceBackend;
const running: ConsoleServices[] = [];

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(200));
});
afterAll(async () => {
  for (const s of running) await s.stop();
  await backend.close();
});

async function open(userDataDir: string, vault: SessionVault) {
  const states: SessionState[] = [];
  const services = await createConsoleServices({
    userDataDir,
    env: { SUPPORT_CONSOLE_BACKEND_URL: backend.url },
    vault,
  });
  running.push(services);
  services.subscribe((channel, payload) => {
    if (channel === 'session:changed') states.push(payload as SessionState);
  });
  return { services, states, h: services.handlers };
}
const isLive = (s: ConsoleServices) => () => {
  const status = s.handlers['sync:status']();
  return 'phase' in status && status.phase === 'live' && status.lastPulledAt !== null;
};
/** Rows of `table` in the cache file on disk, opened with the key the vault holds now. */
const count = async (file: string, table: string, vault: SessionVault): Promise<number> => {
  const db = openCacheFileReadOnly(file, await vault.cacheKey());
  try {
    return db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('the session with a remote backend', () => {
  const userDataDir = tempDir('session');
  const vault = createMemoryVault();

  it('starts signed out when nobody signed in, and refuses actions', async () => {
    const { h, services } = await open(userDataDir, vault);
    expect(await h['session:state']()).toMatchObject({
      backend: 'remote',
      signedIn: false,
      signedOutBecause: 'never-signed-in',
      storage: 'secure',
    });
    await expect(h['ticket:act']({ type: 'setStatus', ticketId: 'x', status: 'open' })).rejects.toThrow(/signed out/);
    await services.stop();
  });

  it('refuses a wrong password, signs in with the right one and syncs on the token alone', async () => {
    const { h, services, states } = await open(userDataDir, vault);
    expect(await h['session:signIn']('lea', 'wrong')).toMatchObject({ ok: false, reason: 'bad_credentials' });
    const answer = await h['session:signIn']('lea', 'demo');
    expect(answer).toMatchObject({ ok: true, state: { signedIn: true, login: 'lea' } });
    expect(states.at(-1)).toMatchObject({ signedIn: true });
    const saved = await vault.readSession();
    expect(saved).toMatchObject({ backendUrl: backend.url, login: 'lea' });
    expect(JSON.stringify(saved)).not.toContain('demo');
    await waitFor(isLive(services), 30_000);
    expect((await h['session:get']()).agent.name).toEqual(expect.any(String));

    // The badge counts new high/urgent tickets exactly as the cache holds them.
    const file = join(userDataDir, 'cache.sqlite');
    const db = openCacheFileReadOnly(file, await vault.cacheKey());
    const expected = db
      .prepare("SELECT COUNT(*) FROM tickets WHERE status = 'new' AND priority IN ('high', 'urgent')")
      .pluck()
      .get() as number;
    db.close();
    expect(await countNewPriority(h)).toBe(expected);
    await services.stop();
  });

  it('says how long to wait after too many attempts, without waiting itself', async () => {
    const { h, services } = await open(userDataDir, vault);
    // An unknown login: its 5 failures in 15 min do not lock anyone the other tests use.
    for (let i = 0; i < 5; i++)
      expect(await h['session:signIn']('guesser', `wrong-${String(i)}`)).toMatchObject({ reason: 'bad_credentials' });
    const started = performance.now();
    const answer = await h['session:signIn']('guesser', 'wrong-again');
    const tookMs = performance.now() - started;
    expect(answer).toMatchObject({ ok: false, reason: 'too_many_attempts' });
    if (answer.ok || answer.reason !== 'too_many_attempts') throw new Error('not refused for attempts');
    expect(answer.retryAfterMinutes).toBeGreaterThanOrEqual(1);
    expect(answer.retryAfterMinutes).toBeLessThanOrEqual(15);
    // One answer, no retry: a retry would wait the Retry-After (up to the policy's ceiling) first.
    expect(tookMs).toBeLessThan(1_000);
    await services.stop();
  });

  it('opens signed in on the next start with the saved token, no password anywhere', async () => {
    const { h, services } = await open(userDataDir, vault);
    expect(await h['session:state']()).toMatchObject({ signedIn: true, login: 'lea' });
    await waitFor(isLive(services), 30_000);
    await services.stop();
  });

  it('signs out when the backend no longer takes the saved token and the refresh token is spent, keeping the cache', async () => {
    const saved = await vault.readSession();
    if (!saved?.refreshToken) throw new Error('no saved session with a refresh token');
    // Spent elsewhere (a copy of the vault, a replay): the console's next use of it ends the session.
    const api = createApiClient(backend.url, { retry: FAST_RETRY });
    await api.refresh(saved.refreshToken);
    await api.close();
    await vault.writeSession({ ...saved, token: 'expired-token-0000000000000000' }, true);
    const { h, services, states } = await open(userDataDir, vault);
    await waitFor(() => states.some((s) => s.signedOutBecause === 'expired'), 20_000);
    expect(await h['session:state']()).toMatchObject({ signedIn: false, signedOutBecause: 'expired' });
    expect(await vault.readSession()).toBeNull();
    expect(await count(join(userDataDir, 'cache.sqlite'), 'tickets', vault)).toBeGreaterThan(0);
    await services.stop();
  });

  it('sign-out asks before dropping unsent actions, then wipes cache, documents and token', async () => {
    const { h, services, states } = await open(userDataDir, vault);
    expect(await h['session:signIn']('lea', 'demo')).toMatchObject({ ok: true });
    await waitFor(isLive(services), 30_000);
    mkdirSync(join(userDataDir, DOCUMENTS_DIR), { recursive: true });
    writeFileSync(join(userDataDir, DOCUMENTS_DIR, 'id-card.png'), 'bytes');

    let signedOutToken = '';
    backend.setFaults({ errorRate: 1 });
    try {
      const rows = await h['queue:window']({
        view: 'all',
        categoryId: null,
        statuses: ['new', 'open'],
        sort: 'updated',
        search: '',
        offset: 0,
        limit: 1,
      });
      const ticket = rows.rows[0];
      if (!ticket) throw new Error('no ticket to act on');
      const acted = await h['ticket:act']({ type: 'setStatus', ticketId: ticket.id, status: 'pending' });
      expect(acted.accepted).toBe(true);
      signedOutToken = (await vault.readSession())?.token ?? '';
      const refused = await h['session:signOut']({ force: false });
      expect(refused).toMatchObject({ ok: false, reason: 'outbox_pending' });
      expect(await h['session:state']()).toMatchObject({ signedIn: true });

      const out = await h['session:signOut']({ force: true });
      expect(out).toMatchObject({ ok: true, state: { signedIn: false, signedOutBecause: 'signed-out' } });
    } finally {
      backend.setFaults({ errorRate: 0 });
    }
    // The backend ended the session too: the token is refused from now on, not just forgotten here.
    const api = createApiClient(backend.url, { retry: FAST_RETRY });
    await expect(api.changes(signedOutToken, null, 1)).rejects.toMatchObject({
      status: 401,
      reason: 'token_revoked',
    });
    await api.close();
    expect(states.at(-1)).toMatchObject({ signedIn: false });
    const file = join(userDataDir, 'cache.sqlite');
    for (const table of ['tickets', 'messages', 'accounts', 'outbox', 'recovery_requests', 'callbacks'])
      expect(await count(file, table, vault), table).toBe(0);
    expect(existsSync(join(userDataDir, DOCUMENTS_DIR))).toBe(false);
    expect(await vault.readSession()).toBeNull();
    const settings = JSON.parse(readFileSync(join(userDataDir, 'settings.json'), 'utf8')) as { agent?: unknown };
    expect(settings.agent ?? null).toBeNull();
    await expect(h['ticket:act']({ type: 'setStatus', ticketId: 'x', status: 'open' })).rejects.toThrow(/signed out/);
    // The views still answer (empty) while signed out.
    expect((await h['queue:counts']()).views.all).toBe(0);
    await services.stop();
  });
});

describe('with access tokens that end after 2 s', () => {
  it('keeps the session: the worker renews the pair and the vault holds the new one', async () => {
    const shortLived = await startReferenceBackend({ ...backendOptions(50), tokenLifetimes: { accessTtlMs: 2_000 } });
    const vault = createMemoryVault();
    const states: SessionState[] = [];
    const services = await createConsoleServices({
      userDataDir: tempDir('session-refresh'),
      env: { SUPPORT_CONSOLE_BACKEND_URL: shortLived.url },
      vault,
    });
    services.subscribe((channel, payload) => {
      if (channel === 'session:changed') states.push(payload as SessionState);
    });
    try {
      expect(await services.handlers['session:signIn']('lea', 'demo')).toMatchObject({ ok: true });
      const first = await vault.readSession();
      // The push stream ends once its token expires; reconnecting meets 401 token_expired and renews.
      let renewed: Awaited<ReturnType<SessionVault['readSession']>> = null;
      const started = performance.now();
      while (performance.now() - started < 15_000) {
        renewed = await vault.readSession();
        if (renewed !== null && renewed.token !== first?.token) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(renewed?.token).not.toBe(first?.token);
      expect(renewed?.refreshToken).not.toBe(first?.refreshToken);
      expect(renewed).toMatchObject({ backendUrl: shortLived.url, login: 'lea' });
      expect(await services.handlers['session:state']()).toMatchObject({ signedIn: true });
      expect(states.some((s) => s.signedOutBecause === 'expired')).toBe(false);
    } finally {
      await services.stop();
      await shortLived.close();
    }
  });
});

describe('without a secure store (Linux basic_text)', () => {
  it('asks before signing in, then keeps the session in memory only', async () => {
    const vault = createMemoryVault('insecure');
    const { h, services } = await open(tempDir('session-insecure'), vault);
    expect(await h['session:state']()).toMatchObject({ storage: 'insecure', insecureAccepted: false });
    expect(await h['session:signIn']('lea', 'demo')).toMatchObject({ ok: false, reason: 'insecure_storage' });
    expect(await h['session:state']()).toMatchObject({ signedIn: false });
    expect(h['session:acceptInsecureStorage']()).toMatchObject({ insecureAccepted: true });
    expect(await h['session:signIn']('lea', 'demo')).toMatchObject({ ok: true });
    await services.stop();
  });
});
