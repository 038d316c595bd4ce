/**
 * Every request the engine makes on the agent's behalf goes through here: it
 * runs with the token held now and, when the backend refuses that token
 * (401: expired, revoked, or the backend's data was reset), renews it once
 * (session-tokens.ts: refresh token, else sign-in) and runs again. A second
 * 401 is thrown: the new token was refused too, so asking again would only
 * loop.
 */
import { HttpStatusError } from './http-status-error.js';

/** The token a request was refused with, and the backend's reason (token_expired, token_revoked, …). */
export interface RefusedToken {
  token: string;
  reason: string | null;
}

export interface TokenSource {
  /** The token held now, signing in first when there is none. */
  current(): Promise<string>;
  /** A new token: the backend refused `refused`. */
  renew(refused?: RefusedToken): Promise<string>;
}

export function isUnauthorized(err: unknown): err is HttpStatusError {
  return err instanceof HttpStatusError && err.status === 401;
}

export async function withToken<T>(tokens: TokenSource, run: (token: string) => Promise<T>): Promise<T> {
  const token = await tokens.current();
  try {
    return await run(token);
  } catch (err) {
    if (!isUnauthorized(err)) throw err;
    return await run(await tokens.renew({ token, reason: err.reason }));
  }
}
