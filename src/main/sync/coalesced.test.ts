/**
 * The coalesced runner on vitest's fake clock: requests during a run make
 * exactly one more run, a failure is retried after the retry policy's delay
 * to the millisecond, and stop() leaves nothing running or waiting.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesced } from './coalesced.js';
import type { CoalescedOptions } from './coalesced.js';
import { nextDelay } from './retry-policy.js';

const policy = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
const random = (): number => 0.5;
/** What the policy says to wait after `failures` failed runs in a row (maxAttempts does not stop the runner). */
const delayAfter = (failures: number): number =>
  nextDelay({ ...policy, maxAttempts: Infinity }, failures, { retryable: true }, random) ?? -1;

/** A promise the test settles by hand: a run that lasts until the test says so. */
function gate(): { passed: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { passed, open };
}

/** A runner whose task runs `script[n]` on its n-th run (then succeeds), recording each run. */
function runner(script: ((resetBackoff: () => void) => Promise<void>)[], extra: Partial<CoalescedOptions> = {}) {
  const stop = new AbortController();
  const seen = { runs: 0, failures: [] as string[], idle: 0 };
  const r = coalesced({
    task: (resetBackoff) => {
      const step = script[seen.runs] ?? (() => Promise.resolve());
      seen.runs += 1;
      return step(resetBackoff);
    },
    retry: { policy, random },
    signal: stop.signal,
    onFailure: (err) => seen.failures.push(err instanceof Error ? err.message : String(err)),
    onIdle: () => {
      seen.idle += 1;
    },
    ...extra,
  });
  return { r, seen, stop };
}

const fail = (message: string) => () => Promise.reject(new Error(message));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('coalesced', () => {
  it('runs exactly once more for any number of requests made during a run, and every asker waits for it', async () => {
    const first = gate();
    const second = gate();
    const { r, seen } = runner([() => first.passed, () => second.passed]);
    const asked = r.run();
    const askedDuring = [r.run(), r.run()];
    expect(seen.runs).toBe(1);

    let settled = 0;
    for (const p of [asked, ...askedDuring]) void p.then(() => (settled += 1));
    first.open();
    await vi.advanceTimersByTimeAsync(0);
    // The second run started on its own, and nobody's request is answered by the first run alone.
    expect(seen.runs).toBe(2);
    expect(settled).toBe(0);
    expect(r.inFlight).not.toBeNull();

    second.open();
    await Promise.all([asked, ...askedDuring]);
    expect(seen.runs).toBe(2);
    expect(seen.idle).toBe(1);
    expect(r.inFlight).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.runs).toBe(2);

    // A request after the runs ended starts a new one.
    await r.run();
    expect(seen.runs).toBe(3);
  });

  it("rejects the askers with a run's failure and runs again after the policy's delay, longer after each failure", async () => {
    const { r, seen } = runner([fail('offline 1'), fail('offline 2')]);
    await expect(r.run()).rejects.toThrow('offline 1');
    expect(seen.failures).toEqual(['offline 1']);
    expect(seen.idle).toBe(1);

    expect(delayAfter(1)).toBe(50);
    await vi.advanceTimersByTimeAsync(delayAfter(1) - 1);
    expect(seen.runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.runs).toBe(2);
    expect(seen.failures).toEqual(['offline 1', 'offline 2']);

    expect(delayAfter(2)).toBe(100);
    await vi.advanceTimersByTimeAsync(delayAfter(2) - 1);
    expect(seen.runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    // The third run succeeds: nothing more is scheduled.
    expect(seen.runs).toBe(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.runs).toBe(3);
    expect(seen.failures).toHaveLength(2);
  });

  it('keeps one retry waiting when another request fails meanwhile', async () => {
    const { r, seen } = runner([fail('a'), fail('b'), fail('c')]);
    await expect(r.run()).rejects.toThrow('a');
    await vi.advanceTimersByTimeAsync(10);
    await expect(r.run()).rejects.toThrow('b');
    // The retry set after the first failure still comes at its time, and only it.
    await vi.advanceTimersByTimeAsync(delayAfter(1) - 10);
    expect(seen.runs).toBe(3);
    // Three failures in a row now: the next wait is the third one's.
    await vi.advanceTimersByTimeAsync(delayAfter(3) - 1);
    expect(seen.runs).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.runs).toBe(4);
  });

  it('waits the shortest delay again after a run that reached the backend before failing', async () => {
    const { r, seen } = runner([
      fail('a'),
      fail('b'),
      (resetBackoff) => {
        resetBackoff();
        return Promise.reject(new Error('c'));
      },
    ]);
    await expect(r.run()).rejects.toThrow('a');
    await vi.advanceTimersByTimeAsync(delayAfter(1) + delayAfter(2));
    expect(seen.runs).toBe(3);
    await vi.advanceTimersByTimeAsync(delayAfter(1) - 1);
    expect(seen.runs).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen.runs).toBe(4);
  });

  it('stop() waits for the run in flight, cancels the retry waiting, and later requests do nothing', async () => {
    const running = gate();
    const { r, seen } = runner([fail('a'), () => running.passed]);
    await expect(r.run()).rejects.toThrow('a');
    void r.run();
    expect(seen.runs).toBe(2);

    let stopped = false;
    const stopping = r.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    running.open();
    await stopping;

    await r.run();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.runs).toBe(2);
  });

  it('does not report the failure of a run the stop cut short, nor retry it', async () => {
    const running = gate();
    const { r, seen, stop } = runner([async () => running.passed.then(() => Promise.reject(new Error('aborted')))]);
    const asked = r.run();
    stop.abort();
    running.open();
    await expect(asked).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.runs).toBe(1);
    expect(seen.failures).toEqual([]);
    expect(seen.idle).toBe(0);
  });

  it('is idle again after a task that threw before its first await', async () => {
    const { r, seen } = runner([
      () => {
        throw new Error('at once');
      },
    ]);
    await expect(r.run()).rejects.toThrow('at once');
    expect(r.inFlight).toBeNull();
    await r.run();
    expect(seen.runs).toBe(2);
  });
});
