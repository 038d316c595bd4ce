import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, nextDelay, parseRetryAfter, withRetry } from './retry-policy.js';
import type { RetryableFailure } from './retry-policy.js';

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const retry: RetryableFailure = { retryable: true };

describe('retry policy', () => {
  it('backs off exponentially up to the cap, with full jitter', () => {
    expect([1, 2, 3, 4].map((a) => nextDelay(policy, a, retry, () => 0.999999))).toEqual([99, 199, 399, 799]);
    expect(nextDelay({ ...policy, maxAttempts: 10 }, 8, retry, () => 0.5)).toBe(500);
    expect(nextDelay(policy, 3, retry, () => 0)).toBe(0);
  });

  it('gives up after maxAttempts and on non-retryable failures', () => {
    expect(nextDelay(policy, 5, retry, () => 0.5)).toBeNull();
    expect(nextDelay(policy, 1, { retryable: false }, () => 0.5)).toBeNull();
  });

  it('treats Retry-After as a floor, and gives up when it is too long', () => {
    expect(nextDelay(policy, 1, { retryable: true, retryAfterMs: 3000 }, () => 0.5)).toBe(3000);
    expect(nextDelay(policy, 4, { retryable: true, retryAfterMs: 10 }, () => 0.5)).toBe(400);
    expect(nextDelay(policy, 1, { retryable: true, retryAfterMs: 9000 }, () => 0.5)).toBeNull();
  });

  it('parses Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isRetryableStatus)).toBe(false);
  });

  it('withRetry sleeps the computed delays and returns the first success', async () => {
    const slept: number[] = [];
    let calls = 0;
    const value = await withRetry(
      policy,
      { sleep: (ms) => (slept.push(ms), Promise.resolve()), random: () => 0.5, classify: () => retry },
      () => {
        calls += 1;
        return calls < 4 ? Promise.reject(new Error(`fail ${calls}`)) : Promise.resolve('ok');
      },
    );
    expect(value).toBe('ok');
    expect(slept).toEqual([50, 100, 200]);
  });

  it('withRetry rethrows the last error when the budget is spent', async () => {
    const slept: number[] = [];
    await expect(
      withRetry(
        DEFAULT_RETRY_POLICY,
        { sleep: (ms) => (slept.push(ms), Promise.resolve()), random: () => 0, classify: () => retry },
        (attempt) => Promise.reject(new Error(`fail ${attempt}`)),
      ),
    ).rejects.toThrow(`fail ${DEFAULT_RETRY_POLICY.maxAttempts}`);
    expect(slept).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts - 1);
  });

  it('withRetry does not retry what classify refuses', async () => {
    let calls = 0;
    await expect(
      withRetry(
        policy,
        { sleep: () => Promise.resolve(), random: () => 0, classify: () => ({ retryable: false }) },
        () => {
          calls += 1;
          return Promise.reject(new Error('no'));
        },
      ),
    ).rejects.toThrow('no');
    expect(calls).toBe(1);
  });
});
