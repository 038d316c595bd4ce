/**
 * The sync engine: logs in, bootstraps, pulls after the stored cursor,
 * listens to the push channel, keeps a slow safety pull, and builds the
 * search index in the background. A plain module (no Electron): the worker,
 * the CLI and the tests all drive this same object.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { DEFAULT_PAGE_SIZE, HISTORY_DIVERGED, MAX_PAGE_SIZE } from '../../shared/sync-protocol.js';
import { PRESENCE_HEARTBEAT_MS } from '../../shared/presence.js';
import { isCorruptionError } from '../db/connection.js';
import type { CacheReader, CacheWriter } from '../db/types.js';
import { errorMessage } from './events.js';
import type { SyncEventListener } from './events.js';
import { createApiClient, HttpStatusError } from './http.js';
import type { ApiClient, HttpTimeouts } from './http.js';
import { storageProblemOf } from './storage-problem.js';
import { coalesced } from './coalesced.js';
import { createDirectCalls } from './direct-calls.js';
import { createOutboxSender } from './outbox-sender.js';
import type { OutboxSender } from './outbox-sender.js';
import { inlineFeed } from './feed-pages.js';
import { openThreadFeed } from './feed-reader.js';
import { pullToHead } from './pull.js';
import type { PullOptions, PullResult } from './pull.js';
import { createPresenceBeat, createPresenceBoard } from './presence.js';
import { replyMetColleague } from './reply-collision.js';
import { startPushListener } from './push.js';
import type { PushListener } from './push.js';
import { abortableSleep, DEFAULT_RETRY_POLICY } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';
import { refreshingTokens, sessionTokensOf } from './session-tokens.js';
import type { SessionTokens } from './session-tokens.js';
import { isUnauthorized, withToken } from './with-token.js';
import type { SyncWorkerCalls } from './worker-protocol.js';

export interface SyncEngineOptions {
  cache: { reader: CacheReader; writer: CacheWriter };
  baseUrl: string;
  login: string;
  /** Empty when the console starts from a saved session token (`token`): then an expired token asks the person to sign in again. */
  password: string;
  /** A token from an earlier sign-in (src/main/features/session/session.ts); the password need not be kept. */
  token?: string;
  /** When `token` ends, and the refresh token that renews it (session-tokens.ts), from the same sign-in. */
  expiresAt?: string;
  refreshToken?: string;
  refreshExpiresAt?: string;
  /** Keeps each renewed pair (main's vault); the engine waits for it before using the pair. */
  saveTokens?: (tokens: SessionTokens) => Promise<void>;
  /** Renew this long before the access token's `expiresAt` (default 60 s). */
  refreshMarginMs?: number;
  onEvent: SyncEventListener;
  pageSize?: number;
  pagesPerCommit?: number;
  maxChangesPerCommit?: number;
  timeouts?: Partial<HttpTimeouts>;
  retry?: RetryPolicy;
  /** Push silence that counts as a dead connection: ~2.5 of the server's heartbeats. */
  pushSilenceMs?: number;
  /** Pull this often even if the push channel says nothing (it may be silently broken). */
  safetyPullMs?: number;
  /** Tickets indexed for search per transaction: small, so pulls interleave. */
  searchChunkRows?: number;
  /** History phases with at least this many records to go load without the full queue indexes (bulk-indexes.ts). */
  bulkLoadThreshold?: number;
  /** A pull with at least this many records to go reads ahead in the feed-reader thread (feed-reader.ts); Infinity: never. */
  readAheadThreshold?: number;
  /** Where the built feed-reader-worker.js is, when a bundler put it elsewhere than beside this module. */
  feedReaderUrl?: URL;
  /** Off for the CLI's one-shot runs and the benchmark. */
  push?: boolean;
  random?: () => number;
  now?: () => Date;
  /** How long a merge waits in the outbox, undoable (default MERGE_UNDO_MS; tests shorten it). */
  mergeUndoMs?: number;
  /** The presence keep-alive while nothing changes (default PRESENCE_HEARTBEAT_MS; tests shorten it). */
  presenceKeepAliveMs?: number;
}

/** The worker's calls (SyncWorkerCalls: act, resolveOutbox, call, download) and what the worker drives itself. */
export interface SyncEngine extends SyncWorkerCalls {
  /** Starts push, timers and the first pull (logging in as needed). Resolves once started, not when caught up: watch the events. */
  start(): Promise<void>;
  /** Pulls to the head now (coalesced with a pull already running); rejects if the pull fails. */
  pullNow(): Promise<void>;
  /** Builds the search index to the end (also runs by itself when idle). */
  indexSearch(): Promise<void>;
  /** Sends the outbox now (also runs after each pull, action and push reconnect). */
  drainOutbox(): Promise<void>;
  stop(): Promise<void>;
}

export function createSyncEngine(o: SyncEngineOptions): SyncEngine {
  const random = o.random ?? Math.random;
  const now = o.now ?? (() => new Date());
  const policy = o.retry ?? DEFAULT_RETRY_POLICY;
  const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, o.pageSize ?? DEFAULT_PAGE_SIZE));
  // 2.5 of the backend's default 15 s heartbeats: one late heartbeat is not yet a dead connection.
  const silenceMs = o.pushSilenceMs ?? 37_500;
  const { reader, writer } = o.cache;
  const controller = new AbortController();
  let retries = 0;
  /**
   * A page or a mutation answer still awaited after slowAfterMs, whether this thread's client or the
   * feed-reader thread's (a bootstrap's pages) waits for it.
   */
  const onSlow = (afterMs: number): void => {
    // Slow is a kind of online: a backend that does not answer at all is caught by the deadline.
    // At the first contact too: "connecting" for a minute says less than "slow".
    if (connection === 'online' || connection === null) {
      connection = 'slow';
      emit({ type: 'slow', afterMs });
    }
  };
  /** An answer in time, from either client: the end of "slow". */
  const onAnswer = (): void => {
    if (connection !== 'slow') return;
    connection = 'online';
    emit({ type: 'online' });
  };
  const api: ApiClient = createApiClient(o.baseUrl, {
    timeouts: o.timeouts ?? {},
    retry: policy,
    random,
    onSlow,
    onAnswer,
    onRetry: () => {
      retries += 1;
    },
  });
  let connection: 'online' | 'slow' | 'offline' | null = null;
  let urgentReady = false;
  let searchReady = reader.ftsProgress().ready && reader.syncState().phase === 'live';
  let indexing: Promise<void> | null = null;
  let push: PushListener | null = null;
  let safetyTimer: NodeJS.Timeout | null = null;

  const emit: SyncEventListener = (event) => {
    if (!controller.signal.aborted) o.onEvent(event);
  };
  const setOnline = (value: boolean, reason = ''): void => {
    // A pull or a send that worked does not end "slow": only an answer in time does (onAnswer).
    const next = value ? (connection === 'slow' ? 'slow' : 'online') : 'offline';
    if (connection === next) return;
    connection = next;
    emit(value ? { type: 'online' } : { type: 'offline', reason });
  };
  /**
   * The file is damaged: every later read or write may fail the same way, so
   * retrying would loop forever. Tell main once (it rebuilds the cache and
   * starts a new engine) and stop everything here.
   */
  let damaged = false;
  const cacheDamaged = (err: unknown): void => {
    if (damaged) return;
    damaged = true;
    emit({ type: 'cache-damaged', reason: errorMessage(err) });
    controller.abort();
  };
  /** Runs `fn`; a damaged-cache error stops the engine (cacheDamaged) and is thrown on. */
  const watching = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      if (isCorruptionError(err)) cacheDamaged(err);
      throw err;
    }
  };
  const urgentDone = (): void => {
    if (urgentReady) return;
    urgentReady = true;
    emit({ type: 'urgent-ready' });
  };

  async function login(): Promise<SessionTokens> {
    if (o.password === '') {
      emit({ type: 'auth-required', reason: 'the saved session is no longer valid' });
      throw new Error('sign-in required: the saved session is no longer valid');
    }
    let res: Awaited<ReturnType<typeof api.login>>;
    try {
      res = await api.login(o.login, o.password, controller.signal);
    } catch (err) {
      // Refused credentials: only the person can fix that.
      if (isUnauthorized(err)) emit({ type: 'auth-required', reason: err.message });
      throw err;
    }
    emit({ type: 'signed-in', agent: res.agent });
    return sessionTokensOf(res);
  }

  const tokens = refreshingTokens({
    initial:
      o.token === undefined
        ? null
        : {
            token: o.token,
            ...(o.expiresAt === undefined ? {} : { expiresAt: o.expiresAt }),
            ...(o.refreshToken === undefined ? {} : { refreshToken: o.refreshToken }),
            ...(o.refreshExpiresAt === undefined ? {} : { refreshExpiresAt: o.refreshExpiresAt }),
          },
    refresh: (refreshToken) => api.refresh(refreshToken, controller.signal),
    signIn: login,
    save: async (pair) => {
      try {
        await o.saveTokens?.(pair);
      } catch (err) {
        // The backend already spent the old refresh token: going on with the new pair in memory loses less.
        emit({ type: 'error', message: `the renewed session could not be saved: ${errorMessage(err)}` });
      }
    },
    marginMs: o.refreshMarginMs ?? 60_000,
    now: () => now().getTime(),
  });

  const outbox: OutboxSender = createOutboxSender({
    api,
    writer,
    actor: o.login,
    tokens,
    emit,
    setOnline: (value, reason) => {
      setOnline(value, reason);
    },
    policy,
    random,
    signal: controller.signal,
    now,
    syncCursor: () => reader.syncState().cursor,
    // The pull sees the same refusal on its cursor (410) and starts the cache again.
    onHistoryDiverged: () => {
      void pullNow().catch(() => undefined);
    },
    mergeUndoMs: o.mergeUndoMs,
    onCacheDamaged: cacheDamaged,
    replyCollided: (entry, answer) => replyMetColleague({ reader, catchUp: () => pullNow() }, entry, answer),
  });

  const direct = createDirectCalls({
    api,
    writer,
    tokens,
    emit,
    signal: controller.signal,
    syncCursor: () => reader.syncState().cursor,
  });

  // Presence: in memory only, never the cache (sync/presence.ts).
  const presenceBoard = createPresenceBoard((present) => {
    emit({ type: 'presence', present });
  });
  const presenceBeat = createPresenceBeat({
    keepAliveMs: o.presenceKeepAliveMs ?? PRESENCE_HEARTBEAT_MS,
    // Bounded like a sign-out: a presence nobody hears in time is worth no wait.
    send: (update) => withToken(tokens, (t) => api.presence(t, update, 5_000)),
  });

  /** A different backend, or none recorded: the cache must not mix two servers' records. */
  function checkBackend(): void {
    const state = reader.syncState();
    if (state.backend === o.baseUrl) return;
    writer.resetForBootstrap(o.baseUrl);
    if (state.backend !== null) emit({ type: 'rebootstrap', reason: `backend changed from ${state.backend}` });
  }
  /**
   * checkBackend until it has run once: it writes when the cache records no backend or another, and a cache
   * that cannot be written at start (a full or read-only disk) must not stop the engine. Each pull tries
   * again first, so the sync goes on by itself once the disk takes writes.
   */
  let backendChecked = false;
  function ensureBackendChecked(): void {
    if (backendChecked) return;
    checkBackend();
    backendChecked = true;
  }

  /** Where a pull's pages come from (feed-pages.ts, feed-reader.ts), read with `token`. */
  function feedSources(token: string): Pick<PullOptions, 'inlineFeed' | 'readAhead'> {
    const threshold = o.readAheadThreshold ?? 50_000;
    return {
      inlineFeed: (from) => inlineFeed({ api, token, pageSize, signal: controller.signal }, from),
      readAhead: Number.isFinite(threshold)
        ? {
            threshold,
            open: (from) =>
              openThreadFeed(
                {
                  baseUrl: o.baseUrl,
                  token,
                  pageSize,
                  timeouts: o.timeouts ?? {},
                  retry: policy,
                  signal: controller.signal,
                  onRetry: () => {
                    retries += 1;
                  },
                  onSlow,
                  onAnswer,
                  ...(o.feedReaderUrl === undefined ? {} : { workerUrl: o.feedReaderUrl }),
                },
                from,
              ),
          }
        : null,
    };
  }

  async function pullOnce(): Promise<void> {
    const phase = reader.syncState().phase;
    if (phase === 'history' || phase === 'live') urgentDone();
    const common = {
      writer,
      pagesPerCommit: Math.max(1, o.pagesPerCommit ?? 10),
      maxChangesPerCommit: o.maxChangesPerCommit ?? 10_000,
      emit,
      onUrgentDone: urgentDone,
      bulkLoadThreshold: o.bulkLoadThreshold ?? 50_000,
      signal: controller.signal,
      now,
    };
    const report = (r: PullResult): void => {
      const ms = (n: number): number => Math.round(n);
      // Retries of this pull and of the push connection's requests since the last report.
      emit({
        type: 'pull-stats',
        pages: r.pages,
        applied: r.applied,
        retries,
        waitMs: ms(r.waitMs),
        parseMs: ms(r.parseMs),
        applyMs: ms(r.applyMs),
        indexMs: ms(r.indexMs),
      });
      retries = 0;
    };
    // From the stored cursor, read at each attempt: after a 401 the pages committed before it are not asked again.
    const pull = (): Promise<PullResult> =>
      withToken(tokens, (t) => pullToHead({ ...common, ...feedSources(t), cursor: reader.syncState().cursor }));
    try {
      report(await pull());
    } catch (err) {
      if (!(err instanceof HttpStatusError)) throw err;
      const diverged = err.reason === HISTORY_DIVERGED;
      if (
        diverged ||
        ((err.status === 400 || err.status === 410) && /cursor/i.test(`${err.reason ?? ''} ${err.message}`))
      ) {
        // Another history (restored from an older copy, or replaced): the waiting actions were made on records
        // it may not have, or has under the same ids with other contents. Refused first, in their own
        // transactions: a crash before the reset leaves the old cursor, which is refused again.
        if (diverged) outbox.refuseAll(HISTORY_DIVERGED, err.detail);
        // The server no longer understands our cursor (its data was reset): start over rather than guess.
        writer.resetForBootstrap(o.baseUrl);
        urgentReady = false;
        emit({ type: 'rebootstrap', reason: err.message });
        // The reset emptied the stored cursor: this pull starts from the beginning.
        report(await pull());
      } else throw err;
    }
    const at = now().toISOString();
    writer.setLastPullAt(at);
    setOnline(true);
    emit({ type: 'freshness', lastPullAt: at });
    emit({ type: 'caught-up', at });
  }

  /** Pulls to the head; a request during a pull makes one more; a failed pull is retried with backoff. */
  const pulls = coalesced({
    task: async () => {
      // A storage failure here goes to onFailure (said as such, retried), as a pull's own would.
      ensureBackendChecked();
      if (tokens.held() === null) await tokens.current();
      await pullOnce();
      // The pull proved the backend reachable and refreshed the bases the outbox entries sit on.
      void outbox.drain();
    },
    retry: { policy, random },
    signal: controller.signal,
    onFailure: (err) => {
      if (isCorruptionError(err)) {
        cacheDamaged(err);
        return;
      }
      const storage = storageProblemOf(err);
      // The backend may be fine: a full disk or a damaged file is said as such, not as "offline".
      if (storage === null) setOnline(false, errorMessage(err));
      else emit({ type: 'storage', ...storage });
      emit({ type: 'error', message: errorMessage(err) });
    },
    onIdle: () => {
      kickIndexer();
    },
  });
  const pullNow = (): Promise<void> => pulls.run();

  /** Indexes in small transactions while no pull runs; a pull's end starts it again. */
  function kickIndexer(): void {
    if (indexing !== null || reader.syncState().phase !== 'live') return;
    indexing = (async () => {
      try {
        const rows = o.searchChunkRows ?? 2000;
        for (;;) {
          if (controller.signal.aborted || pulls.inFlight !== null) return;
          const progress = writer.indexSearchChunk(rows);
          if (progress.ready) {
            if (!searchReady) emit({ type: 'search-ready' });
            searchReady = true;
            return;
          }
          searchReady = false;
          await nextTurn();
        }
      } catch (err) {
        if (isCorruptionError(err)) cacheDamaged(err);
        else emit({ type: 'error', message: `search indexing: ${errorMessage(err)}` });
      } finally {
        indexing = null;
      }
    })();
  }

  return {
    start() {
      try {
        watching(ensureBackendChecked);
      } catch (err) {
        const storage = storageProblemOf(err);
        // Damage stopped the engine (watching): the start fails. A full or read-only disk is said, and the
        // engine starts anyway: the pulls try again, and the push channel says whether the backend answers.
        if (storage === null || damaged) throw err;
        emit({ type: 'storage', ...storage });
      }
      watching(() => {
        outbox.announce();
      });
      // Entries left by the previous session (or taken offline) go first; no need to wait for a pull.
      void outbox.drain();
      if (reader.syncState().phase !== null && reader.syncState().phase !== 'urgent') urgentDone();
      if (o.push ?? true) {
        push = startPushListener({
          open: (signal) => withToken(tokens, (t) => api.openEvents(t, silenceMs, signal)),
          onChanges: () => void pullNow().catch(() => undefined),
          onPresence: (data) => {
            presenceBoard.heard(data);
          },
          onConnected: () => {
            setOnline(true);
            void outbox.drain();
            // The greeting that follows says who is there now; what this console does, the backend may have forgotten.
            presenceBoard.clear();
            presenceBeat.resend();
          },
          onDisconnected: (reason) => {
            setOnline(false, reason);
            presenceBoard.clear();
          },
          policy,
          random,
          sleep: abortableSleep,
        });
      }
      const safety = o.safetyPullMs ?? 60_000;
      safetyTimer = setInterval(() => void pullNow().catch(() => undefined), safety);
      // Push connects with a pull of its own; without push, start the first pull here.
      if (!(o.push ?? true)) void pullNow().catch(() => undefined);
      return Promise.resolve();
    },

    async pullNow() {
      if (reader.syncState().backend !== o.baseUrl) checkBackend();
      await pullNow();
    },

    async indexSearch() {
      for (let guard = 0; guard < 1_000_000 && !controller.signal.aborted; guard++) {
        if (indexing === null) kickIndexer();
        const running = indexing;
        if (running === null) return;
        await running;
        if (reader.ftsProgress().ready) return;
        await pulls.inFlight?.catch(() => undefined);
      }
    },

    // Promises (not sync calls) so a worker and an in-process engine look alike; a throw becomes a rejection.
    act(action) {
      return new Promise((resolve) => {
        resolve(watching(() => outbox.act(action)));
      });
    },

    resolveOutbox(actionId, choice) {
      return new Promise((resolve) => {
        watching(() => {
          outbox.resolve(actionId, choice);
        });
        resolve();
      });
    },

    drainOutbox() {
      return outbox.drain();
    },

    call(c) {
      return direct.call(c);
    },

    download(documentId, maxBytes, source) {
      return direct.download(documentId, maxBytes, source);
    },

    presence(update) {
      presenceBeat.set(update);
      return Promise.resolve();
    },

    async stop() {
      // Before the abort: the others should see this person leave now, not at the expiry.
      presenceBoard.clear();
      await presenceBeat.stop();
      controller.abort();
      await outbox.stop();
      if (safetyTimer !== null) clearInterval(safetyTimer);
      const pullsStopped = pulls.stop();
      await push?.stop();
      await Promise.allSettled([pullsStopped, indexing]);
      await api.close();
    },
  };
}
