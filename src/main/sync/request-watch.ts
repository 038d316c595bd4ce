/**
 * Time limits on whole answers, which undici's timeouts do not give: its
 * bodyTimeout bounds the silence between two chunks, so a backend that
 * trickles a page a few bytes at a time holds a pull for minutes while the
 * console says "online". A deadline on the whole answer makes it a failure the
 * retry policy handles; a "slow" signal tells the person before that.
 */

/** The whole answer did not arrive in time: retried like a dropped connection. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/**
 * Runs `attempt` with a signal that aborts after `deadlineMs` as well as with
 * `outer`. A deadline abort comes out as a DeadlineError (retryable); an abort
 * by `outer` (the engine stopping) comes out as it went in.
 */
export async function withDeadline<T>(
  deadlineMs: number,
  outer: AbortSignal | undefined,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    deadline.abort(new DeadlineError(`no whole answer within ${String(deadlineMs)} ms`));
  }, deadlineMs);
  const signal = outer === undefined ? deadline.signal : AbortSignal.any([outer, deadline.signal]);
  try {
    return await attempt(signal);
  } catch (err) {
    if (deadline.signal.aborted && outer?.aborted !== true) throw deadline.signal.reason as DeadlineError;
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `onSlow(afterMs)` once if `work` has not settled after `afterMs`. */
export async function watchSlow<T>(work: Promise<T>, afterMs: number, onSlow: (afterMs: number) => void): Promise<T> {
  const timer = setTimeout(() => {
    onSlow(afterMs);
  }, afterMs);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
  }
}
