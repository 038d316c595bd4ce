/** Tokens that end, over real HTTP: lifetimes, refresh with rotation, logout, and the 401 reasons. */
import { afterEach, describe, expect, it } from 'vitest';
import { LoginResponse, PATHS } from '../shared/sync-protocol.js';
import { call, reasonOf, startTestBackend, TEST_NOW } from './testing/harness.js';
import type { JsonAnswer, TestBackend } from './testing/harness.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

let backend: TestBackend | null = null;
afterEach(async () => {
  await backend?.dispose();
  backend = null;
});

async function startWithClock() {
  const clock = { now: new Date(TEST_NOW) };
  backend = await startTestBackend({ now: () => clock.now });
  const b = backend;
  const advance = (ms: number): void => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  const signIn = async (user = 'lea'): Promise<LoginResponse> => {
    const a = await call(b.url, 'POST', PATHS.login, { body: { login: user, password: 'demo' } });
    expect(a.status).toBe(200);
    return LoginResponse.parse(a.body);
  };
  const me = (token: string): Promise<JsonAnswer> => call(b.url, 'GET', PATHS.me, { token });
  const refresh = (refreshToken: string | undefined): Promise<JsonAnswer> =>
    call(b.url, 'POST', PATHS.refresh, { body: { refreshToken } });
  return { b, clock, advance, signIn, me, refresh };
}

describe('sessions', () => {
  it('a login answers an access token for 12 hours and a refresh token for 30 days', async () => {
    const { signIn, me, advance } = await startWithClock();
    const session = await signIn();
    expect(session.expiresAt).toBe(new Date(TEST_NOW.getTime() + 12 * HOUR).toISOString());
    expect(session.refreshExpiresAt).toBe(new Date(TEST_NOW.getTime() + 30 * DAY).toISOString());
    expect(session.refreshToken).not.toBe(session.token);
    advance(12 * HOUR - 1000);
    expect((await me(session.token)).status).toBe(200);
    advance(1000);
    const expired = await me(session.token);
    expect(expired.status).toBe(401);
    expect(reasonOf(expired)).toBe('token_expired');
    expect(expired.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('refresh hands out a new pair; the old refresh token is spent, and a second use ends the session', async () => {
    const { signIn, me, refresh, advance } = await startWithClock();
    const first = await signIn();
    advance(11 * HOUR);
    const answer = await refresh(first.refreshToken);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const second = LoginResponse.parse(answer.body);
    expect(second.agent.id).toBe(first.agent.id);
    expect(second.token).not.toBe(first.token);
    expect(second.expiresAt).toBe(new Date(TEST_NOW.getTime() + 23 * HOUR).toISOString());
    // The session's end does not move.
    expect(second.refreshExpiresAt).toBe(first.refreshExpiresAt);
    advance(2 * HOUR);
    expect(reasonOf(await me(first.token))).toBe('token_expired');
    expect((await me(second.token)).status).toBe(200);

    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(reasonOf(replay)).toBe('token_revoked');
    // Whoever held the other copy is out too.
    expect(reasonOf(await me(second.token))).toBe('token_revoked');
    expect(reasonOf(await refresh(second.refreshToken))).toBe('token_revoked');
  });

  it('no refresh reaches past the session end, 30 days after the login', async () => {
    const { signIn, refresh, advance } = await startWithClock();
    let current = await signIn();
    advance(30 * DAY - 2 * HOUR);
    const late = LoginResponse.parse((await refresh(current.refreshToken)).body);
    // The access token ends with the session, not 12 hours later.
    expect(late.expiresAt).toBe(current.refreshExpiresAt);
    current = late;
    advance(2 * HOUR);
    const over = await refresh(current.refreshToken);
    expect(over.status).toBe(401);
    expect(reasonOf(over)).toBe('token_expired');
  });

  it('logout revokes the access and refresh tokens of that session only', async () => {
    const { b, signIn, me, refresh } = await startWithClock();
    const mine = await signIn();
    const elsewhere = await signIn();
    const out = await call(b.url, 'POST', PATHS.logout, { token: mine.token });
    expect(out.status).toBe(204);
    const after = await me(mine.token);
    expect(after.status).toBe(401);
    expect(reasonOf(after)).toBe('token_revoked');
    expect(reasonOf(await refresh(mine.refreshToken))).toBe('token_revoked');
    expect((await me(elsewhere.token)).status).toBe(200);
    // Signing out twice is harmless.
    expect((await call(b.url, 'POST', PATHS.logout, { token: mine.token })).status).toBe(204);
  });

  it('logout works with an expired access token (signing out late still ends the session)', async () => {
    const { b, signIn, refresh, advance } = await startWithClock();
    const session = await signIn();
    advance(13 * HOUR);
    expect((await call(b.url, 'POST', PATHS.logout, { token: session.token })).status).toBe(204);
    expect(reasonOf(await refresh(session.refreshToken))).toBe('token_revoked');
  });

  it('tokens are not interchangeable, and unknown ones say so', async () => {
    const { b, signIn, me, refresh } = await startWithClock();
    const session = await signIn();
    expect(reasonOf(await me(session.refreshToken ?? ''))).toBe('unauthenticated');
    expect(reasonOf(await refresh(session.token))).toBe('unauthenticated');
    expect(reasonOf(await me('A'.repeat(43)))).toBe('unauthenticated');
    const logout = await call(b.url, 'POST', PATHS.logout, { token: session.refreshToken });
    expect(logout.status).toBe(401);
    const bad = await refresh(undefined);
    expect(bad.status).toBe(400);
    expect(reasonOf(bad)).toBe('invalid_body');
    const none = await call(b.url, 'GET', PATHS.me);
    expect(reasonOf(none)).toBe('unauthenticated');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refresh answers the roles as they are now', async () => {
    const { b, signIn, refresh } = await startWithClock();
    const session = await signIn('marco');
    expect(session.agent.roles).toEqual(['agent']);
    const agent = (await b.admin.get('agent', '2')) as Record<string, unknown>;
    await b.admin.writeUnchecked('agent', '2', { ...agent, roles: ['agent', 'verifier'], version: 2 });
    const next = LoginResponse.parse((await refresh(session.refreshToken)).body);
    expect(next.agent.roles).toEqual(['agent', 'verifier']);
  });
});
