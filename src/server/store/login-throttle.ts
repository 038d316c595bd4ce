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
import type { Database } from 'better-sqlite3';

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
  succeeded(): void;
}

interface StreakRow {
  failures: number;
  last_failure_ms: number;
  locked_until_ms: number | null;
}

export class LoginThrottle {
  constructor(
    private readonly db: Database,
    private readonly limits: LoginLimits,
  ) {}

  /**
   * Either a refusal (nothing is counted) or a ticket: the attempt now counts
   * as a failure of `login` from `address`; call `succeeded()` once the
   * password turns out right.
   */
  begin(login: string, address: string, now: Date): ThrottleRefusal | AttemptTicket {
    const at = now.getTime();
    return this.db
      .transaction((): ThrottleRefusal | AttemptTicket => {
        this.prune(at);
        const refusal = this.refusal(login, address, at);
        if (refusal) return refusal;
        this.db.prepare('INSERT INTO login_failure (login, address, at_ms) VALUES (?, ?, ?)').run(login, address, at);
        const streak = this.db.prepare<[string], StreakRow>('SELECT * FROM login_streak WHERE login = ?').get(login);
        const failures = (streak?.failures ?? 0) + 1;
        const lockedUntil = failures >= this.limits.lockoutAfter ? at + this.limits.lockoutMs : null;
        this.db
          .prepare(
            `INSERT INTO login_streak (login, failures, last_failure_ms, locked_until_ms) VALUES (?, ?, ?, ?)
             ON CONFLICT(login) DO UPDATE SET failures = excluded.failures,
               last_failure_ms = excluded.last_failure_ms, locked_until_ms = excluded.locked_until_ms`,
          )
          .run(login, failures, at, lockedUntil);
        return {
          succeeded: () => {
            this.db.transaction(() => {
              // The owner is back: this attempt and the login's earlier failures are forgiven.
              this.db.prepare('DELETE FROM login_failure WHERE login = ?').run(login);
              this.db.prepare('DELETE FROM login_streak WHERE login = ?').run(login);
            })();
          },
        };
      })
      .immediate();
  }

  private refusal(login: string, address: string, at: number): ThrottleRefusal | null {
    const streak = this.db.prepare<[string], StreakRow>('SELECT * FROM login_streak WHERE login = ?').get(login);
    if (streak?.locked_until_ms != null && streak.locked_until_ms > at) {
      return { reason: 'locked', retryAfterMs: streak.locked_until_ms - at };
    }
    const since = at - this.limits.windowMs;
    const byLogin = this.nthNewest('login', login, since, this.limits.perLogin);
    if (byLogin !== undefined) return { reason: 'login', retryAfterMs: byLogin + this.limits.windowMs - at };
    const byAddress = this.nthNewest('address', address, since, this.limits.perAddress);
    if (byAddress !== undefined) return { reason: 'address', retryAfterMs: byAddress + this.limits.windowMs - at };
    return null;
  }

  /** When the n-th newest failure in the window happened: the limit lifts once it leaves the window. */
  private nthNewest(column: 'login' | 'address', value: string, since: number, n: number): number | undefined {
    const row = this.db
      .prepare<[string, number, number], { at_ms: number }>(
        `SELECT at_ms FROM login_failure WHERE ${column} = ? AND at_ms > ? ORDER BY at_ms DESC LIMIT 1 OFFSET ?`,
      )
      .get(value, since, n - 1);
    return row?.at_ms;
  }

  private prune(at: number): void {
    this.db.prepare('DELETE FROM login_failure WHERE at_ms <= ?').run(at - this.limits.windowMs);
    this.db
      .prepare('DELETE FROM login_streak WHERE last_failure_ms <= ? AND coalesce(locked_until_ms, 0) <= ?')
      .run(at - STREAK_MEMORY_MS, at);
  }
}

export function isRefusal(r: ThrottleRefusal | AttemptTicket): r is ThrottleRefusal {
  return 'reason' in r;
}
