/**
 * The backend's HTTP API as the sync needs it, over an undici Pool with
 * explicit timeouts (undici's defaults wait 300 s for headers and between
 * body chunks: a stalled backend would freeze the sync for five minutes).
 * Retries live here, driven by retry-policy.ts.
 */
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { ApiError, ChangePage, LoginResponse, PATHS, SYNC_CURSOR_HEADER } from '../../shared/sync-protocol.js';
import { PRESENCE_PATH } from '../../shared/presence.js';
import type { PresenceUpdate } from '../../shared/presence.js';
import { abortableSleep, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, withRetry } from './retry-policy.js';
import type { RetryableFailure, RetryPolicy } from './retry-policy.js';
import { HttpStatusError } from './http-status-error.js';
import { watchSlow, withDeadline } from './request-watch.js';

export interface HttpTimeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Longest silence between two body chunks of an ordinary answer. */
  bodyTimeoutMs: number;
  /** Longest wait for a whole page of the feed or a whole mutation answer, however it trickles in. */
  answerDeadlineMs: number;
  /** An answer still awaited after this long makes the status "slow" (the person is told, nothing fails). */
  slowAfterMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 30_000,
  answerDeadlineMs: 60_000,
  slowAfterMs: 8_000,
};

// In its own file so that main's thread can tell an HTTP refusal without loading undici (src/main/lazy.ts).
export { HttpStatusError } from './http-status-error.js';

/** A 2xx answer whose body was cut short or is not what the contract says: worth another try. */
export class BadBodyError extends Error {
  override name = 'BadBodyError';
}

export function classifyHttpError(err: unknown): RetryableFailure {
  if (err instanceof HttpStatusError)
    return { retryable: isRetryableStatus(err.status), retryAfterMs: err.retryAfterMs };
  if (err instanceof Error && err.name === 'AbortError') return { retryable: false };
  // Everything else is the network: refused, reset, timeouts, truncated bodies, unparsable JSON.
  return { retryable: true };
}

export interface ApiClientOptions {
  timeouts?: Partial<HttpTimeouts>;
  retry?: RetryPolicy;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each retry (for logging, and to flag "offline" early). */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** A feed page or mutation answer has been awaited for `slowAfterMs`. */
  onSlow?: (afterMs: number) => void;
  /** A feed page or mutation answer arrived within `slowAfterMs` (the backend answers in time again). */
  onAnswer?: () => void;
}

export interface ApiClient {
  /** A 429 (too many attempts) is thrown at once with its Retry-After: waiting is the person's choice. */
  login(login: string, password: string, signal?: AbortSignal): Promise<LoginResponse>;
  /**
   * Trades a refresh token for a new pair. Never retried: the backend spends
   * the token on its first use, and presenting it again ends the session.
   */
  refresh(refreshToken: string, signal?: AbortSignal): Promise<LoginResponse>;
  /** Ends the session of `token` on the backend (204); one try, bounded by `timeoutMs`. */
  logout(token: string, timeoutMs: number): Promise<void>;
  changes(token: string, cursor: string | null, limit: number, signal?: AbortSignal): Promise<ChangePage>;
  /**
   * POSTs a mutation with its Idempotency-Key. Network errors, truncated
   * bodies, 408/429/5xx are retried with the same key (the backend replays
   * the first answer); 401 is thrown (log in again). Any other answer is
   * the backend's decision and comes back as data. `syncCursor`: the
   * cache's feed cursor, sent as SYNC_CURSOR_HEADER so the backend refuses an
   * action made on data of another history (409 history_diverged).
   */
  mutate(
    token: string,
    path: string,
    body: unknown,
    idempotencyKey: string,
    signal?: AbortSignal,
    syncCursor?: string | null,
  ): Promise<MutationAnswer>;
  /**
   * GETs a document's bytes, refusing more than `maxBytes` (a lying
   * content-length or an endless body stops there). Retried like any GET.
   */
  download(
    token: string,
    path: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<{ bytes: Uint8Array; declaredSha256: string | null }>;
  /** Tells the backend the person's presence (204); one try, bounded by `timeoutMs`: the next heartbeat is the retry. */
  presence(token: string, update: PresenceUpdate, timeoutMs: number): Promise<void>;
  /** Opens the push stream; `silenceMs` bounds the wait for headers and between chunks (a heartbeat watchdog). */
  openEvents(token: string, silenceMs: number, signal: AbortSignal): Promise<Dispatcher.ResponseData>;
  close(): Promise<void>;
}

/** MutationResult's envelope; each record is validated on its own (parseChange) by the caller, as in the feed. */
const MUTATION_ENVELOPE = z.object({ changes: z.array(z.unknown()) });

/** The backend's decision on a mutation: its new records, or its refusal with the record as it is now. */
export type MutationAnswer =
  | { status: 200; changes: unknown[] }
  | { status: number; error: { reason: string; message: string; current?: unknown } };

async function failure(res: Dispatcher.ResponseData, nowMs: number): Promise<HttpStatusError> {
  let reason: string | null = null;
  let message = '';
  try {
    const parsed = ApiError.safeParse(JSON.parse(await res.body.text()));
    if (parsed.success) ({ reason, message } = parsed.data.error);
  } catch {
    // The error body is a courtesy; the status says enough.
  }
  const retryAfter = res.headers['retry-after'];
  return new HttpStatusError(
    res.statusCode,
    reason,
    message,
    parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, nowMs),
  );
}

export function createApiClient(baseUrl: string, options: ApiClientOptions = {}): ApiClient {
  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const pool = new Pool(new URL(baseUrl).origin, {
    connections: 4,
    connectTimeout: t.connectTimeoutMs,
    headersTimeout: t.headersTimeoutMs,
    bodyTimeout: t.bodyTimeoutMs,
    keepAliveTimeout: 10_000,
  });
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const now = options.now ?? Date.now;
  /** One attempt at a page or a mutation: bounded as a whole, and "slow" said once it takes long. */
  const timed = async <T>(signal: AbortSignal | undefined, attempt: (s: AbortSignal) => Promise<T>): Promise<T> => {
    const seen = { late: false };
    const work = withDeadline(t.answerDeadlineMs, signal, attempt);
    const answer = await watchSlow(work, t.slowAfterMs, (afterMs) => {
      seen.late = true;
      options.onSlow?.(afterMs);
    });
    // Only an answer in time ends "slow": a late one would make the status flicker page after page.
    if (!seen.late) options.onAnswer?.();
    return answer;
  };
  const retryDeps = (signal?: AbortSignal) => ({
    sleep: options.sleep ?? abortableSleep,
    random: options.random ?? Math.random,
    classify: classifyHttpError,
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
    ...(signal === undefined ? {} : { signal }),
  });

  async function json(req: Dispatcher.RequestOptions): Promise<unknown> {
    const res = await pool.request(req);
    if (res.statusCode < 200 || res.statusCode > 299) throw await failure(res, now());
    let text: string;
    try {
      text = await res.body.text();
    } catch (err) {
      throw new BadBodyError(`body cut short: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BadBodyError(`body is not JSON (${text.length} bytes)`);
    }
  }

  async function loginAnswer(req: Dispatcher.RequestOptions): Promise<LoginResponse> {
    const parsed = LoginResponse.safeParse(await json(req));
    if (!parsed.success) throw new BadBodyError('login answer does not match the contract');
    return parsed.data;
  }

  return {
    login(login, password, signal) {
      // Logging in has no side effect worth protecting, so it is retried like a GET; but a 429 is the
      // backend's login limit, whose Retry-After can be 15 minutes: the sign-in screen says so instead.
      const deps = {
        ...retryDeps(signal),
        classify: (err: unknown): RetryableFailure =>
          err instanceof HttpStatusError && err.status === 429 ? { retryable: false } : classifyHttpError(err),
      };
      return withRetry(policy, deps, () =>
        loginAnswer({
          path: PATHS.login,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login, password }),
          signal: signal ?? null,
        }),
      );
    },

    refresh(refreshToken, signal) {
      return loginAnswer({
        path: PATHS.refresh,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
        signal: signal ?? null,
      });
    },

    async logout(token, timeoutMs) {
      const res = await pool.request({
        path: PATHS.logout,
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.statusCode !== 204) throw await failure(res, now());
      await res.body.dump();
    },

    changes(token, cursor, limit, signal) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor !== null) query.set('cursor', cursor);
      return withRetry(policy, retryDeps(signal), async () => {
        const body = await timed(signal, (bounded) =>
          json({
            path: `${PATHS.changes}?${query.toString()}`,
            method: 'GET',
            headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
            signal: bounded,
          }),
        );
        // A page that does not parse as a whole is a transport problem (truncation), not a bad record.
        const parsed = ChangePage.safeParse(body);
        if (!parsed.success) throw new BadBodyError('change page does not match the contract');
        return parsed.data;
      });
    },

    mutate(token, path, payload, idempotencyKey, signal, syncCursor) {
      return withRetry(policy, retryDeps(signal), () =>
        timed(signal, async (bounded): Promise<MutationAnswer> => {
          const res = await pool.request({
            path,
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              accept: 'application/json',
              'idempotency-key': idempotencyKey,
              ...(syncCursor === undefined || syncCursor === null
                ? {}
                : { [SYNC_CURSOR_HEADER.toLowerCase()]: syncCursor }),
            },
            body: JSON.stringify(payload),
            signal: bounded,
          });
          if (res.statusCode === 401 || isRetryableStatus(res.statusCode)) throw await failure(res, now());
          let text: string;
          try {
            text = await res.body.text();
          } catch (err) {
            throw new BadBodyError(`body cut short: ${err instanceof Error ? err.message : String(err)}`);
          }
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            throw new BadBodyError(`body is not JSON (${text.length} bytes)`);
          }
          // A decision we cannot read is no decision: try again, the backend replays it byte for byte.
          if (res.statusCode >= 200 && res.statusCode <= 299) {
            const ok = MUTATION_ENVELOPE.safeParse(parsed);
            if (!ok.success) throw new BadBodyError('mutation answer does not match the contract');
            return { status: 200, changes: ok.data.changes };
          }
          const err = ApiError.safeParse(parsed);
          if (!err.success) throw new BadBodyError(`HTTP ${res.statusCode} answer does not match the contract`);
          return { status: res.statusCode, error: err.data.error };
        }),
      );
    },

    download(token, path, maxBytes, signal) {
      return withRetry(policy, retryDeps(signal), async () => {
        const res = await pool.request({
          path,
          method: 'GET',
          headers: { authorization: `Bearer ${token}`, accept: 'application/octet-stream' },
          signal: signal ?? null,
        });
        if (res.statusCode < 200 || res.statusCode > 299) throw await failure(res, now());
        const declaredLength = Number(res.headers['content-length']);
        if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
          res.body.destroy();
          throw new HttpStatusError(
            413,
            'document_too_large',
            `document is ${declaredLength} bytes, over ${maxBytes}`,
            undefined,
          );
        }
        const chunks: Buffer[] = [];
        let size = 0;
        try {
          for await (const chunk of res.body as AsyncIterable<Buffer>) {
            size += chunk.length;
            if (size > maxBytes) {
              res.body.destroy();
              throw new HttpStatusError(413, 'document_too_large', `document is over ${maxBytes} bytes`, undefined);
            }
            chunks.push(chunk);
          }
        } catch (err) {
          if (err instanceof HttpStatusError) throw err;
          throw new BadBodyError(`body cut short: ${err instanceof Error ? err.message : String(err)}`);
        }
        const sha = res.headers['x-content-sha256'];
        return {
          bytes: new Uint8Array(Buffer.concat(chunks, size)),
          declaredSha256: typeof sha === 'string' ? sha : null,
        };
      });
    },

    async presence(token, update, timeoutMs) {
      const res = await pool.request({
        path: PRESENCE_PATH,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(update),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (res.statusCode !== 204) throw await failure(res, now());
      await res.body.dump();
    },

    async openEvents(token, silenceMs, signal) {
      const res = await pool.request({
        path: PATHS.events,
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        headersTimeout: silenceMs,
        bodyTimeout: silenceMs,
        signal,
      });
      if (res.statusCode !== 200) throw await failure(res, now());
      return res;
    },

    async close() {
      // Stop means stop: in-flight requests (the push stream above all) are cut, not awaited.
      await pool.destroy();
    },
  };
}

/**
 * Ends a session on the backend before the console forgets it (sign-out).
 * Best effort: a backend that does not answer within `timeoutMs` or refuses
 * (the session already ended) must not keep the person signed in.
 */
export async function logout(baseUrl: string, token: string, timeoutMs = 2_000): Promise<boolean> {
  const api = createApiClient(baseUrl, { timeouts: { connectTimeoutMs: timeoutMs } });
  try {
    await api.logout(token, timeoutMs);
    return true;
  } catch {
    return false;
  } finally {
    await api.close();
  }
}

/** Logs in once and returns the token and who it belongs to (the engine logs in by itself; this is for callers that only need a token). */
export async function login(
  baseUrl: string,
  loginName: string,
  password: string,
  options: ApiClientOptions = {},
): Promise<LoginResponse> {
  const api = createApiClient(baseUrl, options);
  try {
    return await api.login(loginName, password);
  } finally {
    await api.close();
  }
}
