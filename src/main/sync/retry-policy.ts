/**
 * When and how long to wait before trying a request again. Pure: the clock,
 * the randomness and the sleep are passed in, so tests run without waiting.
 *
 * Full jitter (delay = random in [0, min(cap, base * 2^attempt)]) so that many
 * consoles cut off by the same outage do not come back in lockstep; a
 * server's Retry-After is a floor, not a suggestion.
 */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured; beyond it the caller gives up and reports offline. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 60_000,
};

/** A failure the retry loop understands: whether to retry, and the server's Retry-After if any. */
export interface RetryableFailure {
  retryable: boolean;
  retryAfterMs?: number | undefined;
}

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/** Retry-After as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Delay before attempt `attempt + 1` (attempt counts from 1), or null to give up. */
export function nextDelay(
  policy: RetryPolicy,
  attempt: number,
  failure: RetryableFailure,
  random: () => number,
): number | null {
  if (!failure.retryable || attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  if (failure.retryAfterMs === undefined) return jittered;
  if (failure.retryAfterMs > policy.maxRetryAfterMs) return null;
  return Math.max(failure.retryAfterMs, jittered);
}

export interface RetryDeps {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Maps whatever was thrown to a retry decision. */
  classify: (err: unknown) => RetryableFailure;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  signal?: AbortSignal;
}

export async function withRetry<T>(
  policy: RetryPolicy,
  deps: RetryDeps,
  run: (attempt: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (err) {
      if (deps.signal?.aborted === true) throw err;
      const delay = nextDelay(policy, attempt, deps.classify(err), deps.random);
      if (delay === null) throw err;
      deps.onRetry?.({ attempt, delayMs: delay, error: err });
      await deps.sleep(delay, deps.signal);
    }
  }
}

/** A sleep that an AbortSignal cuts short (rejecting), for the real clock. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
