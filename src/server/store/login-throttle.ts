/**
 * Limits on password guessing, kept in the backend's database so that
 * restarting the backend does not hand an attacker a fresh allowance.
 *
 * - Per login: `perLogin` failures within `windowMs` close that login until
 *   the oldest of them leaves the window.
 * - Per client address: `perAddress` failures within `windowMs`, whatever the
 *   logins tried, close every login to that address the same way.
 * - Lockout: `lockoutAfter` failures of a login in a row (no good login in
 *   between, none more than a day after the previous one) close it for
 *   `lockoutMs` after each further failure.
 * - A good login forgives the login's failures (not the lock: a locked login
 *   is refused before its password is checked).
 *
 * A closed login answers the same to the right and to a wrong password, and
 * the password is not even checked: otherwise the answer would tell the
 * guesser when it is right. Unknown logins are counted exactly like known
 * ones, so the limits do not reveal which logins exist.
 *
 * An attempt is counted as a failure BEFORE its password is checked and
 * forgiven if it succeeds: checks run concurrently on the thread pool, and
 * a burst of parallel guesses must not all pass the check before the first
 * failure is written.
 */
import type { SqlDatabase, SqlSession } from '../db/sql.js';

export interface LoginLimits {
  perLogin: number;
  perAddress: number;
  windowMs: number;
  lockoutAfter: number;
  lockoutMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perLogin: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
  lockoutAfter: 10,
  lockoutMs: 15 * 60_000,
};

/** A run of failures is forgotten after a day without any. */
const STREAK_MEMORY_MS = 24 * 60 * 60_000;

export type ThrottleRefusal = { reason: 'login' | 'address' | 'locked'; retryAfterMs: number };

/** An attempt that was let through and counted as a failure until `succeeded()` says otherwise. */
export interface AttemptTicket {
  succeeded(): Promise<void>;
}

interface StreakRow {
  failures: number;
  last_failure_ms: number;
  locked_until_ms: number | null;
}

export class LoginThrottle {
  constructor(
    private readonly db: SqlDatabase,
    private readonly limits: LoginLimits,
  ) {}

  /**
   * Either a refusal (nothing is counted) or a ticket: the attempt now counts
   * as a failure of `login` from `address`; call `succeeded()` once the
   * password turns out right. Checked and counted in one write transaction,
   * so parallel guesses (on several backend processes too) are counted one
   * after the other.
   */
  begin(login: string, address: string, now: Date): Promise<ThrottleRefusal | AttemptTicket> {
    const at = now.getTime();
    return this.db.transaction(async (tx): Promise<ThrottleRefusal | AttemptTicket> => {
      await this.prune(tx, at);
      const refusal = await this.refusal(tx, login, address, at);
      if (refusal) return refusal;
      await tx.run('INSERT INTO login_failure (login, address, at_ms) VALUES (?, ?, ?)', [login, address, at]);
      const streak = await tx.get<StreakRow>('SELECT * FROM login_streak WHERE login = ?', [login]);
      const failures = (streak?.failures ?? 0) + 1;
      const lockedUntil = failures >= this.limits.lockoutAfter ? at + this.limits.lockoutMs : null;
      await tx.run(
        `INSERT INTO login_streak (login, failures, last_failure_ms, locked_until_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (login) DO UPDATE SET failures = excluded.failures,
           last_failure_ms = excluded.last_failure_ms, locked_until_ms = excluded.locked_until_ms`,
        [login, failures, at, lockedUntil],
      );
      return {
        succeeded: () =>
          this.db.transaction(async (forgive) => {
            // The owner is back: this attempt and the login's earlier failures are forgiven.
            await forgive.run('DELETE FROM login_failure WHERE login = ?', [login]);
            await forgive.run('DELETE FROM login_streak WHERE login = ?', [login]);
          }),
      };
    });
  }

  private async refusal(tx: SqlSession, login: string, address: string, at: number): Promise<ThrottleRefusal | null> {
    const streak = await tx.get<StreakRow>('SELECT * FROM login_streak WHERE login = ?', [login]);
    if (streak?.locked_until_ms != null && streak.locked_until_ms > at) {
      return { reason: 'locked', retryAfterMs: streak.locked_until_ms - at };
    }
    const since = at - this.limits.windowMs;
    const byLogin = await this.nthNewest(tx, 'login', login, since, this.limits.perLogin);
    if (byLogin !== undefined) return { reason: 'login', retryAfterMs: byLogin + this.limits.windowMs - at };
    const byAddress = await this.nthNewest(tx, 'address', address, since, this.limits.perAddress);
    if (byAddress !== undefined) return { reason: 'address', retryAfterMs: byAddress + this.limits.windowMs - at };
    return null;
  }

  /** When the n-th newest failure in the window happened: the limit lifts once it leaves the window. */
  private async nthNewest(
    tx: SqlSession,
    column: 'login' | 'address',
    value: string,
    since: number,
    n: number,
  ): Promise<number | undefined> {
    const row = await tx.get<{ at_ms: number }>(
      `SELECT at_ms FROM login_failure WHERE ${column} = ? AND at_ms > ? ORDER BY at_ms DESC LIMIT 1 OFFSET ?`,
      [value, since, n - 1],
    );
    return row?.at_ms;
  }

  private async prune(tx: SqlSession, at: number): Promise<void> {
    await tx.run('DELETE FROM login_failure WHERE at_ms <= ?', [at - this.limits.windowMs]);
    await tx.run('DELETE FROM login_streak WHERE last_failure_ms <= ? AND coalesce(locked_until_ms, 0) <= ?', [
      at - STREAK_MEMORY_MS,
      at,
    ]);
  }
}

export function isRefusal(r: ThrottleRefusal | AttemptTicket): r is ThrottleRefusal {
  return 'reason' in r;
}
