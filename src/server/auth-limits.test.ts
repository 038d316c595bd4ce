/**
 * Password guessing over real HTTP: limits per login and per client address,
 * the lockout, their survival across a restart, and the time an unknown
 * login takes compared with a wrong password.
 */
import { performance } from 'node:perf_hooks';
import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS } from '../shared/sync-protocol.js';
import { call, login, reasonOf, startTestBackend, TEST_NOW } from './testing/harness.js';
import type { JsonAnswer, TestBackend } from './testing/harness.js';

const MINUTE = 60_000;

let backend: TestBackend | null = null;
afterEach(async () => {
  await backend?.dispose();
  backend = null;
});

/** A backend whose clock the test moves. */
async function startWithClock(opts: Parameters<typeof startTestBackend>[0] = {}) {
  const clock = { now: new Date(TEST_NOW) };
  const b = await startTestBackend({ now: () => clock.now, ...opts });
  backend = b;
  const advance = (ms: number): void => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return { b, clock, advance };
}

function attempt(url: string, user: string, password: string): Promise<JsonAnswer> {
  return call(url, 'POST', PATHS.login, { body: { login: user, password } });
}

/** A login attempt sent from another loopback address (Linux answers on all of 127.0.0.0/8). */
async function attemptFrom(from: string, url: string, user: string, password: string): Promise<number> {
  const dispatcher = new Agent({ localAddress: from });
  try {
    const res = await fetch(url + PATHS.login, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: user, password }),
      dispatcher,
    });
    await res.arrayBuffer();
    return res.status;
  } finally {
    await dispatcher.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

describe('login limits', () => {
  it('after 5 failures of a login, answers 429 with Retry-After, even to the right password, until the window passes', async () => {
    const { b, advance } = await startWithClock();
    for (let i = 0; i < 5; i++) {
      const wrong = await attempt(b.url, 'lea', `wrong-${String(i)}`);
      expect(wrong.status).toBe(401);
      expect(reasonOf(wrong)).toBe('invalid_credentials');
      advance(MINUTE);
    }
    const right = await attempt(b.url, 'lea', 'demo');
    expect(right.status).toBe(429);
    expect(reasonOf(right)).toBe('too_many_attempts');
    // The first failure was 5 minutes ago: 10 more minutes before it leaves the 15-minute window.
    expect(right.headers.get('retry-after')).toBe(String(10 * 60));
    // Another login is not affected.
    expect((await attempt(b.url, 'marco', 'demo')).status).toBe(200);
    advance(10 * MINUTE);
    expect((await attempt(b.url, 'lea', 'demo')).status).toBe(200);
  });

  it('counts an unknown login like a known one, so the limit does not tell which logins exist', async () => {
    const { b } = await startWithClock();
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) answers.push((await attempt(b.url, 'nobody-here', 'x')).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('a good login forgives the failures before it', async () => {
    const { b } = await startWithClock();
    for (let i = 0; i < 4; i++) expect((await attempt(b.url, 'lea', 'typo')).status).toBe(401);
    expect((await attempt(b.url, 'lea', 'demo')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(b.url, 'lea', 'typo')).status).toBe(401);
    expect((await attempt(b.url, 'lea', 'demo')).status).toBe(200);
  });

  it('parallel guesses cannot slip past the limit while passwords are being checked', async () => {
    const { b } = await startWithClock();
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt(b.url, 'jonas', 'guess')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('after 20 failures from one address, refuses every login from it, but not from another address', async () => {
    const { b } = await startWithClock();
    // Four logins, five failures each: no login reaches its own limit before the address does.
    for (const user of ['lea', 'marco', 'jonas', 'sophie'])
      for (let i = 0; i < 4; i++) expect(await attemptFrom('127.0.0.1', b.url, user, 'guess')).toBe(401);
    for (let i = 0; i < 4; i++) expect(await attemptFrom('127.0.0.1', b.url, `stranger-${String(i)}`, 'x')).toBe(401);
    expect(await attemptFrom('127.0.0.1', b.url, 'lea', 'demo')).toBe(429);
    expect(await attemptFrom('127.0.0.1', b.url, 'portal', 'portal')).toBe(429);
    expect(await attemptFrom('127.0.0.2', b.url, 'lea', 'demo')).toBe(200);
  });

  it('locks a login after 10 failures in a row: the right password gets 429 for 15 minutes', async () => {
    const { b, advance } = await startWithClock();
    // Failures at minutes 0–4, 16–19 and 30: never 5 within 15 minutes after the first five.
    for (let i = 0; i < 5; i++) expect((await attempt(b.url, 'sophie', 'guess')).status).toBe(401);
    advance(16 * MINUTE);
    for (let i = 0; i < 4; i++) {
      expect((await attempt(b.url, 'sophie', 'guess')).status).toBe(401);
      advance(MINUTE);
    }
    advance(10 * MINUTE);
    expect((await attempt(b.url, 'sophie', 'guess')).status).toBe(401);
    // Two minutes on, the 15-minute window holds 4 failures: only the lock refuses.
    advance(2 * MINUTE);
    const locked = await attempt(b.url, 'sophie', 'demo');
    expect(locked.status).toBe(429);
    expect(reasonOf(locked)).toBe('too_many_attempts');
    expect(locked.headers.get('retry-after')).toBe(String(13 * 60));
    advance(12 * MINUTE);
    expect((await attempt(b.url, 'sophie', 'demo')).status).toBe(429);
    advance(MINUTE);
    expect((await attempt(b.url, 'sophie', 'demo')).status).toBe(200);
    // The good login ended the run: a failure now does not lock.
    expect((await attempt(b.url, 'sophie', 'guess')).status).toBe(401);
    expect((await attempt(b.url, 'sophie', 'demo')).status).toBe(200);
  });

  it('once locked, each further failure locks again', async () => {
    const { b, advance } = await startWithClock();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) expect((await attempt(b.url, 'marco', 'guess')).status).toBe(401);
      advance(16 * MINUTE);
    }
    // The lock of the tenth failure has run out and the window is clear: the eleventh locks at once.
    expect((await attempt(b.url, 'marco', 'guess')).status).toBe(401);
    const locked = await attempt(b.url, 'marco', 'demo');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe(String(15 * 60));
  });

  it('the counts survive a restart of the backend', async () => {
    const { b } = await startWithClock();
    for (let i = 0; i < 5; i++) expect((await attempt(b.url, 'lea', 'guess')).status).toBe(401);
    await b.close();
    const again = await startTestBackend({ ...b.database, now: () => new Date(TEST_NOW) });
    try {
      expect((await attempt(again.url, 'lea', 'demo')).status).toBe(429);
    } finally {
      await again.close();
    }
  });

  it('limits can be raised for flows that fail on purpose', async () => {
    const { b } = await startWithClock({ loginLimits: { perLogin: 1000, perAddress: 1000, lockoutAfter: 1000 } });
    for (let i = 0; i < 12; i++) expect((await attempt(b.url, 'lea', 'guess')).status).toBe(401);
    expect(await login(b.url, 'lea')).toMatch(/^[A-Za-z0-9_-]{16,}$/);
  });
});

describe('login timing', () => {
  it('an unknown login takes as long as a wrong password for a known one (median pair ratio within 0.7–1.4)', async () => {
    const { b } = await startWithClock({ loginLimits: { perLogin: 1000, perAddress: 1000, lockoutAfter: 1000 } });
    const timed = async (user: string): Promise<number> => {
      const start = performance.now();
      const answer = await attempt(b.url, user, 'not-the-password');
      const ms = performance.now() - start;
      expect(answer.status).toBe(401);
      return ms;
    };
    // Warm up both paths (statement caches, the thread pool). Then pairs taken back to back, in
    // alternating order, compared pair by pair: the machine's load drifts, and a pair shares it.
    await timed('lea');
    await timed('ghost');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 31; i++) {
      if (i % 2 === 0) {
        known.push(await timed('lea'));
        unknown.push(await timed(`ghost-${String(i)}`));
      } else {
        unknown.push(await timed(`ghost-${String(i)}`));
        known.push(await timed('lea'));
      }
    }
    const ratio = median(unknown.map((u, i) => u / (known[i] ?? u)));
    console.log(
      `login timing: medians unknown ${median(unknown).toFixed(1)} ms, wrong password ${median(known).toFixed(1)} ms; median pair ratio ${ratio.toFixed(2)}`,
    );
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.4);
  });
});
