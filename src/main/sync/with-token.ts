/**
 * Every request the engine makes on the agent's behalf goes through here: it
 * runs with the token held now and, when the backend refuses that token
 * (401: expired, revoked, or the backend's data was reset), signs in once
 * more and runs again. A second 401 is thrown: the new token was refused
 * too, so asking again would only loop.
 */
import { HttpStatusError } from './http-status-error.js';

export interface TokenSource {
  /** The token held now, signing in first when there is none. */
  current(): Promise<string>;
  /** Signs in again: the backend refused the token held. */
  renew(): Promise<string>;
}

export function isUnauthorized(err: unknown): err is HttpStatusError {
  return err instanceof HttpStatusError && err.status === 401;
}

export async function withToken<T>(tokens: TokenSource, run: (token: string) => Promise<T>): Promise<T> {
  try {
    return await run(await tokens.current());
  } catch (err) {
    if (!isUnauthorized(err)) throw err;
    return await run(await tokens.renew());
  }
}
