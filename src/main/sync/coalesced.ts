/**
 * "Run it now; if asked again meanwhile, once more after; after a failure,
 * again later": the engine's pull to the head and the outbox's drain. Many
 * askers (a push, the safety timer, a new action) share one run instead of
 * queueing one each, and a request made during a run is never lost: the
 * run may have read the state before the change that prompted it.
 */
import { nextDelay } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';

export interface CoalescedOptions {
  /**
   * One run. `resetBackoff()`: the backend answered, so the next failure
   * waits the shortest delay again (a run that ends well does it too).
   */
  task: (resetBackoff: () => void) => Promise<void>;
  /** After a failed run, the next one waits nextDelay(policy, failed runs in a row); it never gives up. */
  retry: { policy: RetryPolicy; random: () => number };
  /** Aborted: no new run, no retry, and the failure of the run in flight is the stop's doing, not reported. */
  signal: AbortSignal;
  /** A run failed (not because of the stop); called before its retry is scheduled. */
  onFailure?: (err: unknown) => void;
  /** The runner went idle, after success or failure (not after the stop). */
  onIdle?: () => void;
}

export interface Coalesced {
  /** Runs the task now, or once more after the run in flight; rejects with the run's failure. */
  run(): Promise<void>;
  /** The run in flight, if any. */
  readonly inFlight: Promise<void> | null;
  /** Cancels the retry waiting and waits for the run in flight; later requests do nothing. */
  stop(): Promise<void>;
}

export function coalesced(o: CoalescedOptions): Coalesced {
  let inFlight: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let halted = false;
  const stopped = (): boolean => halted || o.signal.aborted;
  // Functions, not the flags: TypeScript would keep them narrowed across the awaits and calls below.
  const askedAgain = (): boolean => again;
  const resetBackoff = (): void => {
    failures = 0;
  };

  function scheduleRetry(): void {
    if (retryTimer !== null || stopped()) return;
    const policy = { ...o.retry.policy, maxAttempts: Number.POSITIVE_INFINITY };
    const delay = nextDelay(policy, failures, { retryable: true }, o.retry.random) ?? o.retry.policy.maxDelayMs;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      run().catch(() => undefined);
    }, delay);
  }

  function run(): Promise<void> {
    if (inFlight !== null) {
      again = true;
      return inFlight;
    }
    if (stopped()) return Promise.resolve();
    let finished = false;
    const finishedAlready = (): boolean => finished;
    const loop = (async () => {
      try {
        do {
          again = false;
          await o.task(resetBackoff);
          failures = 0;
        } while (askedAgain() && !stopped());
      } catch (err) {
        if (stopped()) return;
        failures += 1;
        o.onFailure?.(err);
        scheduleRetry();
        throw err;
      } finally {
        finished = true;
        inFlight = null;
        if (!stopped()) o.onIdle?.();
      }
    })();
    // A task that threw before its first await has already finished: nothing is in flight.
    if (!finishedAlready()) inFlight = loop;
    // The failure went to onFailure; an asker that dropped the promise must not make it an unhandled rejection.
    loop.catch(() => undefined);
    return loop;
  }

  return {
    run,
    get inFlight() {
      return inFlight;
    },
    async stop() {
      halted = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      await inFlight?.catch(() => undefined);
    },
  };
}
