/**
 * Sessions and their tokens. A good login opens a session that ends
 * `refreshTtlMs` later whatever happens (the agent signs in again then); it
 * hands out an access token (`accessTtlMs`, never past the session's end)
 * and a refresh token that buys the next pair once. Tokens are 32 random
 * bytes shown once; only their sha256 is stored, so a copy of the database
 * grants no session.
 *
 * A refresh token presented a second time means two parties hold it (a copy
 * was stolen, or an answer was lost and retried): the whole session is
 * revoked, and both sign in again.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SqlDatabase, SqlSession } from '../db/sql.js';

export interface TokenLifetimes {
  accessTtlMs: number;
  refreshTtlMs: number;
}

export const DEFAULT_TOKEN_LIFETIMES: TokenLifetimes = {
  accessTtlMs: 12 * 60 * 60_000,
  refreshTtlMs: 30 * 24 * 60 * 60_000,
};

/** Ended sessions are kept this long so their tokens still answer "expired"/"revoked" rather than "unknown". */
const KEEP_ENDED_MS = 7 * 24 * 60 * 60_000;

export interface IssuedTokens {
  token: string;
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

export type TokenCheck =
  | { status: 'ok'; login: string; sessionId: string; sessionEndsAt: string; spent: boolean }
  | { status: 'expired' | 'revoked' | 'unknown' };

interface TokenRow {
  session_id: string;
  kind: 'access' | 'refresh';
  expires_at: string;
  used_at: string | null;
  login: string;
  ends_at: string;
  revoked_at: string | null;
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_ROW_SQL = `SELECT t.session_id, t.kind, t.expires_at, t.used_at, s.login, s.ends_at, s.revoked_at
  FROM auth_token t JOIN auth_session s ON s.id = t.session_id WHERE t.hash = ?`;

export class Sessions {
  constructor(
    private readonly db: SqlDatabase,
    private readonly lifetimes: TokenLifetimes,
  ) {}

  /** A new session for `login`, signed in at `now`. */
  open(login: string, now: Date): Promise<IssuedTokens> {
    return this.db.transaction(async (tx) => {
      await this.prune(tx, now);
      const id = newSecret();
      const endsAt = new Date(now.getTime() + this.lifetimes.refreshTtlMs).toISOString();
      await tx.run('INSERT INTO auth_session (id, login, created_at, ends_at) VALUES (?, ?, ?, ?)', [
        id,
        login,
        now.toISOString(),
        endsAt,
      ]);
      return this.issue(tx, id, endsAt, now);
    });
  }

  /** Who an access token belongs to, or why it no longer counts. */
  async checkAccess(token: string, now: Date): Promise<TokenCheck> {
    return this.check(await this.row(this.db, token), 'access', now);
  }

  /**
   * The next pair of tokens for a refresh token, which is spent; or why there is none.
   * Read and spent in one write transaction: two racing uses of one token (on two
   * processes too) are one use and one reuse.
   */
  refresh(
    refreshToken: string,
    now: Date,
  ): Promise<{ status: 'ok'; login: string; tokens: IssuedTokens } | { status: 'expired' | 'revoked' | 'unknown' }> {
    return this.db.transaction(async (tx) => {
      const check = this.check(await this.row(tx, refreshToken), 'refresh', now);
      if (check.status !== 'ok') return check;
      if (check.spent) {
        await this.revoke(tx, check.sessionId, 'refresh_reused', now);
        return { status: 'revoked' as const };
      }
      await tx.run('UPDATE auth_token SET used_at = ? WHERE hash = ?', [now.toISOString(), tokenHash(refreshToken)]);
      return {
        status: 'ok' as const,
        login: check.login,
        tokens: await this.issue(tx, check.sessionId, check.sessionEndsAt, now),
      };
    });
  }

  /**
   * Ends the session of an access token, expired or not (signing out late must
   * still work). False when the token was never issued.
   */
  async logout(token: string, now: Date): Promise<boolean> {
    const row = await this.row(this.db, token);
    if (row?.kind !== 'access') return false;
    if (row.revoked_at === null) await this.revoke(this.db, row.session_id, 'logout', now);
    return true;
  }

  private row(db: SqlSession, token: string): Promise<TokenRow | undefined> {
    return db.get<TokenRow>(TOKEN_ROW_SQL, [tokenHash(token)]);
  }

  private check(row: TokenRow | undefined, kind: TokenRow['kind'], now: Date): TokenCheck {
    // A refresh token is no bearer token and the other way round.
    if (row?.kind !== kind) return { status: 'unknown' };
    if (row.revoked_at !== null) return { status: 'revoked' };
    if (Date.parse(row.expires_at) <= now.getTime()) return { status: 'expired' };
    return {
      status: 'ok',
      login: row.login,
      sessionId: row.session_id,
      sessionEndsAt: row.ends_at,
      spent: row.used_at !== null,
    };
  }

  private async issue(tx: SqlSession, sessionId: string, endsAt: string, now: Date): Promise<IssuedTokens> {
    const token = newSecret();
    const refreshToken = newSecret();
    const accessEnd = Math.min(now.getTime() + this.lifetimes.accessTtlMs, Date.parse(endsAt));
    const expiresAt = new Date(accessEnd).toISOString();
    const insert = 'INSERT INTO auth_token (hash, session_id, kind, expires_at) VALUES (?, ?, ?, ?)';
    await tx.run(insert, [tokenHash(token), sessionId, 'access', expiresAt]);
    await tx.run(insert, [tokenHash(refreshToken), sessionId, 'refresh', endsAt]);
    return { token, expiresAt, refreshToken, refreshExpiresAt: endsAt };
  }

  private async revoke(
    db: SqlSession,
    sessionId: string,
    reason: 'logout' | 'refresh_reused',
    now: Date,
  ): Promise<void> {
    await db.run('UPDATE auth_session SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL', [
      now.toISOString(),
      reason,
      sessionId,
    ]);
  }

  private async prune(tx: SqlSession, now: Date): Promise<void> {
    // Tokens go with their session (ON DELETE CASCADE).
    await tx.run('DELETE FROM auth_session WHERE ends_at < ?', [new Date(now.getTime() - KEEP_ENDED_MS).toISOString()]);
  }
}
