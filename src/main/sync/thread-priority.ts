/**
 * Lowers the scheduling priority of the calling thread, where the OS allows
 * it per thread. The sync worker writes for a minute during a first sync;
 * on a 2-core machine it then competes with the main thread, whose cache
 * reads answer the UI: with the same priority the kernel may preempt a read
 * halfway for a whole time slice (reads of 1 ms measured at up to 16-22 ms
 * during a bootstrap). At a lower priority the worker yields to them and
 * still gets every idle cycle.
 *
 * Linux only: nice values are per thread there, and a thread's id is read
 * from /proc/thread-self. Elsewhere this does nothing (and says so).
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** 10 = "below normal": ahead of nothing interactive, still far from idle-only. */
export const BACKGROUND_NICE = 10;
/** The feed-reader thread: behind the sync writer, whose pace sets a bootstrap's length. */
export const READ_AHEAD_NICE = 15;

export function lowerThisThreadPriority(nice = BACKGROUND_NICE): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // Never raise it: a console started with a lower priority keeps it.
    setPriority(tid, Math.max(getPriority(tid), nice));
    return true;
  } catch {
    // A sandbox that forbids it: keep the default priority.
    return false;
  }
}
