/**
 * The worker's token source for a backend whose access tokens end: it
 * renews with the refresh token shortly before `expiresAt` or when a request
 * is refused with 401 `token_expired`, and hands every new pair to `save`
 * (main's vault) BEFORE using it: the backend spends a refresh token on its
 * first use, so a pair used but not kept would end the session at the next
 * start. One renewal runs at a time; every caller waits for that one.
 */
import type { LoginResponse } from '../../shared/sync-protocol.js';
import { isUnauthorized } from './with-token.js';
import type { RefusedToken, TokenSource } from './with-token.js';

/** What the console keeps of a session: the access token and, from backends that end them, how to renew it. */
export interface SessionTokens {
  token: string;
  expiresAt?: string;
  refreshToken?: string;
  refreshExpiresAt?: string;
}

export function sessionTokensOf(answer: LoginResponse): SessionTokens {
  return {
    token: answer.token,
    ...(answer.expiresAt === undefined ? {} : { expiresAt: answer.expiresAt }),
    ...(answer.refreshToken === undefined ? {} : { refreshToken: answer.refreshToken }),
    ...(answer.refreshExpiresAt === undefined ? {} : { refreshExpiresAt: answer.refreshExpiresAt }),
  };
}

export interface RefreshingTokensOptions {
  initial: SessionTokens | null;
  /** POST /v1/auth/refresh. */
  refresh(refreshToken: string): Promise<LoginResponse>;
  /** Signs in with the password, or (none kept) asks the person to sign in and throws. */
  signIn(): Promise<SessionTokens>;
  /** Keeps the new pair (main's vault); awaited before the pair is used. */
  save(tokens: SessionTokens): Promise<void>;
  /**
   * Renew this long before `expiresAt`, at most a tenth of the token's life as
   * seen here (a token that lives less than the margin would be renewed before
   * each request). The two clocks may differ: a 401 token_expired renews too.
   */
  marginMs: number;
  now(): number;
}

export interface RefreshingTokens extends TokenSource {
  /** The pair held now (null before the first sign-in). */
  held(): SessionTokens | null;
}

export function refreshingTokens(o: RefreshingTokensOptions): RefreshingTokens {
  let held = o.initial;
  let heldSince = o.now();
  let renewing: Promise<string> | null = null;

  const usable = (at: string | undefined, margin: number): boolean =>
    at === undefined || o.now() < Date.parse(at) - margin;
  const accessMargin = (): number => {
    const life = held?.expiresAt === undefined ? 0 : Date.parse(held.expiresAt) - heldSince;
    return Math.max(0, Math.min(o.marginMs, life / 10));
  };

  async function renewOnce(refused: RefusedToken | undefined): Promise<string> {
    const refreshToken = held?.refreshToken;
    // A revoked access token means the session was ended (sign-out elsewhere, a refresh token replayed):
    // its refresh token is refused too, so only a new sign-in helps.
    const sessionEnded = refused?.reason === 'token_revoked';
    let next: SessionTokens;
    if (refreshToken !== undefined && !sessionEnded && usable(held?.refreshExpiresAt, 0)) {
      let answer: LoginResponse;
      try {
        answer = await o.refresh(refreshToken);
      } catch (err) {
        // Refused (revoked, ended, unknown): the refresh token is of no more use; a network failure keeps it.
        if (!isUnauthorized(err)) throw err;
        held = held === null ? null : { token: held.token };
        next = await o.signIn();
        held = next;
        heldSince = o.now();
        return next.token;
      }
      next = sessionTokensOf(answer);
      await o.save(next);
    } else {
      next = await o.signIn();
    }
    held = next;
    heldSince = o.now();
    return next.token;
  }

  function renew(refused?: RefusedToken): Promise<string> {
    // A request refused with a token already replaced goes on with the new one: no second renewal.
    if (refused !== undefined && held !== null && held.token !== refused.token && renewing === null)
      return Promise.resolve(held.token);
    renewing ??= renewOnce(refused).finally(() => {
      renewing = null;
    });
    return renewing;
  }

  return {
    held: () => held,
    async current() {
      if (renewing !== null) return renewing;
      if (held === null) return renew();
      if (held.refreshToken !== undefined && !usable(held.expiresAt, accessMargin())) return renew();
      return held.token;
    },
    renew,
  };
}
