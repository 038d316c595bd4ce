/**
 * The composition of the console's main process, without Electron: it picks
 * the backend, opens the cache (as owner; read on this thread only), starts
 * the session and its sync worker (the single writer), keeps the sync status,
 * and puts the features' handlers together, one per IPC channel. Wiring only:
 * the use-cases live in src/main/features, every query in src/main/db. The
 * Electron shell (src/main/index.ts) and the browser harness (src/harness)
 * both serve these handlers through their own door.
 */
import { join } from 'node:path';
import type { SyncStatus } from '../../shared/ipc.js';
import type { Handlers } from '../../shared/ipc-handlers.js';
import { chooseBackend } from '../backend/backend-config.js';
import type * as EmbeddedModule from '../backend/embedded.js';
import { wipeCache } from '../db/wipe.js';
import { createDiagnostics, logFailures, logSyncEvent } from '../diagnostics/handlers.js';
import { createConsoleLog, LOG_LEVEL_ENV } from '../diagnostics/logger.js';
import type { Logger } from '../diagnostics/logger.js';
import { createAttachmentHandlers } from '../features/attachments/handlers.js';
import { createCallbackHandlers } from '../features/callbacks/handlers.js';
import type { FeatureDeps } from '../features/feature-deps.js';
import { createPresenceHandlers } from '../features/presence/handlers.js';
import { createRecoveryHandlers } from '../features/recovery/handlers.js';
import { createSessionHandlers } from '../features/session/handlers.js';
import { createMe } from '../features/session/me.js';
import { createSession } from '../features/session/session.js';
import { createSwitchableWorker } from '../features/session/switchable-worker.js';
import { createMemoryVault } from '../features/session/vault.js';
import type { SessionVault } from '../features/session/vault.js';
import { wipeDocuments } from '../features/session/wipe.js';
import { createSettingsHandlers } from '../features/settings/handlers.js';
import { createTicketHandlers } from '../features/tickets/handlers.js';
import { ticketsChangedBy } from '../features/tickets/ticket-events.js';
import { createEventPump } from '../ipc/event-pump.js';
import type { ServiceListener } from '../ipc/event-pump.js';
import { lazy } from '../lazy.js';
import { ensurePrivateDir } from '../private-dir.js';
import type { login as loginOverHttp, logout as logoutOverHttp } from '../sync/http.js';
import { initialSyncStatus, reduceSyncStatus, statusAfterWipe } from '../sync/sync-status.js';
import { startSyncWorker } from '../sync/worker.js';
import type { WorkerEngineSettings } from '../sync/worker-protocol.js';
import type { WorkerCredentials } from '../features/session/session.js';
import { errorMessage } from '../sync/events.js';
import { openKeptCache, watchForDamage } from './kept-cache.js';
import type { KeptCache } from './kept-cache.js';

export type { ServiceListener } from '../ipc/event-pump.js';

export interface ConsoleServicesOptions {
  userDataDir: string;
  /** Backend choice and credentials for a remote backend (SUPPORT_CONSOLE_BACKEND_URL, _LOGIN, _PASSWORD). */
  env: Record<string, string | undefined>;
  /** The sync worker entry of a build (see src/main/sync/worker.ts). */
  workerUrl?: URL;
  workerSettings?: WorkerEngineSettings;
  /** Where the session token is kept (safeStorage in the app); default: memory only. */
  vault?: SessionVault;
  /** The clock (entitlement dates in tests). */
  now?: () => Date;
  /** The app's version, for the diagnostics archive (default: npm's, else "unknown"). */
  appVersion?: string;
  /** Above this many pages the cache's start check is the cheap one (src/main/db/start-check.ts); tests lower it. */
  cacheFullCheckMaxPages?: number;
}

export interface ConsoleServices {
  handlers: Handlers;
  /** The console's log (<userData>/logs/console.log, scrubbed of personal data); closed by stop(). */
  log: Logger;
  /** Writes the diagnostics archive to a path the person chose (the shell's save dialog). */
  exportDiagnosticsTo(target: string): { path: string; bytes: number };
  subscribe(listener: ServiceListener): () => void;
  /** Stops the worker, closes the cache and the embedded backend. Idempotent. */
  stop(): Promise<void>;
}

// undici loads with the first direct login, not with the app: the sync worker does the HTTP of an ordinary start.
const http = lazy(() => import('../sync/http.js'));
const login: typeof loginOverHttp = async (...args) => (await http()).login(...args);
const logout: typeof logoutOverHttp = async (...args) => (await http()).logout(...args);

export async function createConsoleServices(opts: ConsoleServicesOptions): Promise<ConsoleServices> {
  const now = opts.now ?? (() => new Date());
  // Before anything is written into it: the cache, the logs and settings.json are personal data.
  ensurePrivateDir(opts.userDataDir);
  const consoleLog = createConsoleLog({ userDataDir: opts.userDataDir, level: opts.env[LOG_LEVEL_ENV] ?? 'info' });
  const log = consoleLog.log;
  const choice = chooseBackend(opts.env, opts.userDataDir);
  log.info({ backend: choice.kind }, 'services starting');
  // Imported only when chosen: the reference backend (fastify, faker, image encoders) would slow every start.
  let embeddedModule: typeof EmbeddedModule | null = null;
  let embedded: Awaited<ReturnType<typeof EmbeddedModule.startEmbeddedBackend>> | null = null;
  try {
    if (choice.kind === 'embedded') {
      embeddedModule = await import('../backend/embedded.js');
      embedded = await embeddedModule.startEmbeddedBackend(choice.dataDir);
    }
  } catch (error) {
    log.fatal({ err: error }, 'the embedded backend did not start');
    consoleLog.close();
    throw error;
  }
  const baseUrl = embedded?.url ?? (choice.kind === 'remote' ? choice.url : '');
  // Until someone signs in (src/main/features/session/session.ts): the demo login, or the environment's for a remote backend.
  const envLogin = opts.env.SUPPORT_CONSOLE_LOGIN;
  const fixedCredentials = embeddedModule
    ? embeddedModule.EMBEDDED_DEMO_LOGIN
    : envLogin
      ? { login: envLogin, password: opts.env.SUPPORT_CONSOLE_PASSWORD ?? '' }
      : null;

  const cacheFile = join(opts.userDataDir, 'cache.sqlite');
  let kept: KeptCache;
  try {
    kept = await openKeptCache({
      file: cacheFile,
      vault: opts.vault ?? createMemoryVault(),
      ...(opts.cacheFullCheckMaxPages === undefined ? {} : { fullCheckMaxPages: opts.cacheFullCheckMaxPages }),
    });
  } catch (error) {
    log.fatal({ err: error }, 'the cache did not open');
    await embedded?.close();
    consoleLog.close();
    throw error;
  }
  const health = kept.cache().health;
  if (health.rebuilt) log.warn({ reason: health.reason, movedTo: health.movedTo }, 'cache rebuilt');
  if (health.restoredActions > 0)
    log.warn(
      { restoredActions: health.restoredActions },
      'outbox actions the cache had lost put back from the journal',
    );
  if (health.journalUnreadable !== null)
    log.warn({ movedTo: health.journalUnreadable }, 'outbox journal unreadable with the cache key: moved aside');
  const readers = kept.readers;
  const pump = createEventPump({
    onListenerError: (channel, error) => {
      log.error({ err: error, channel }, 'event listener failed');
    },
  });
  // What the file already knows is shown from the first paint: a restart is not a first sync.
  const known = readers.cache.syncState();
  let status: SyncStatus = initialSyncStatus(
    { kind: embedded ? 'embedded' : 'remote', url: baseUrl },
    health.rebuilt ? health.reason : null,
    {
      lastPulledAt: known.lastPullAt,
      searchReady: known.phase === 'live' && readers.cache.ftsProgress().ready,
      problems: readers.cache.problems().length,
    },
  );
  // Actions left from the last session count from the first paint, before the worker reports.
  const left = readers.cache.outboxCounts();
  status = { ...status, outboxPending: left.pending, outboxNeedsAttention: left.needsAttention };

  // Sign-in and sign-out replace the worker; features keep this one handle.
  const sync = createSwitchableWorker(null);
  // The credentials of the worker started last (a rebuild starts the same one again), and how many were started.
  let lastCredentials: WorkerCredentials | null = null;
  let workersStarted = 0;
  const startWorker = (credentials: WorkerCredentials) =>
    startSyncWorker({
      dbPath: cacheFile,
      baseUrl,
      ...credentials,
      cacheKey: kept.journalKey(),
      journalKey: kept.journalKey(),
      ...(opts.workerSettings ? { settings: opts.workerSettings } : {}),
      ...(opts.workerUrl ? { workerUrl: opts.workerUrl } : {}),
    });
  const me = createMe({
    userDataDir: opts.userDataDir,
    directLogin: () => {
      const credentials = session.passwordCredentials();
      if (credentials === null) return null;
      return async () => (await login(baseUrl, credentials.login, credentials.password)).agent;
    },
    onAgentChanged: () => {
      pump.changed([], true);
    },
  });
  const session = createSession({
    backend: { kind: embedded ? 'embedded' : 'remote', url: baseUrl },
    vault: kept.vault,
    fixedCredentials,
    worker: sync,
    startWorker: (credentials) => {
      lastCredentials = credentials;
      workersStarted += 1;
      return startWorker(credentials);
    },
    login: (url, name, password) => login(url, name, password),
    logout: (url, token) => logout(url, token),
    onSignedIn: (a) => {
      log.info({ agentId: a.id, roles: a.roles }, 'signed in');
      me.signedIn(a);
    },
    outboxPending: () => {
      const counts = readers.cache.outboxCounts();
      return counts.pending + counts.needsAttention;
    },
    wipeLocalData: () => {
      wipeCache(kept.cache());
      kept.cache().journal?.clear();
      wipeDocuments(opts.userDataDir);
      me.forget();
      status = statusAfterWipe(status);
      pump.status(status);
      pump.changed([], true);
      return Promise.resolve();
    },
    emit: (state) => {
      pump.emit('session:changed', state);
    },
  });
  let stopped = false;
  let rebuilding: Promise<void> | null = null;
  /**
   * The cache file is damaged (found by a read, the worker or the background
   * check): stop the worker, replace the file (the journal puts the unsent
   * actions back), start the same worker again. Once, however many noticed.
   */
  const rebuildCache = (reason: string): Promise<void> => {
    if (stopped) return Promise.resolve();
    rebuilding ??= (async () => {
      log.error({ reason }, 'cache damaged: moving it aside and starting a fresh one');
      const credentials = lastCredentials;
      const started = workersStarted;
      await sync.replace(null);
      const fresh = kept.rebuild(reason).health;
      log.warn(
        { movedTo: fresh.movedTo, restoredActions: fresh.restoredActions },
        'cache rebuilt; unsent actions put back from the journal',
      );
      const left = readers.cache.outboxCounts();
      status = {
        ...initialSyncStatus(status.backend, reason),
        outboxPending: left.pending,
        outboxNeedsAttention: left.needsAttention,
      };
      pump.status(status);
      pump.changed([], true);
      // Unless the session started or stopped a worker meanwhile (sign-in, sign-out): its choice stands.
      if (credentials !== null && started === workersStarted && session.state().signedIn)
        await sync.replace(startWorker(credentials));
    })().finally(() => {
      rebuilding = null;
    });
    return rebuilding;
  };
  const damagedWhileRunning = (err: unknown): void => {
    void rebuildCache(errorMessage(err));
  };
  sync.events.subscribe((event) => {
    if (event.type === 'cache-damaged') void rebuildCache(event.reason);
    logSyncEvent(log, event);
    status = reduceSyncStatus(status, event);
    pump.status(status);
    const changed = ticketsChangedBy(event, readers.cache);
    if (changed !== null) pump.changed(changed.ticketIds, changed.everything);
    if (event.type === 'signed-in') me.signedIn(event.agent);
  });

  // Only now: the subscription above must see the worker's first events.
  await session.start();
  // A large file had only the cheap check at start: the full one runs beside the console.
  void kept.checkLater()?.then((found) => {
    if (found.sound === false) void rebuildCache(`corrupt cache file, background check failed: ${found.problem}`);
    else if (found.sound === null) log.warn({ error: found.error }, 'the background cache check could not run');
  });

  const featureDeps: FeatureDeps = {
    readers,
    sync,
    currentAgent: () => me.current(),
    userDataDir: opts.userDataDir,
    now,
    pump,
  };
  const diagnostics = createDiagnostics({
    userDataDir: opts.userDataDir,
    consoleLog,
    reader: readers.cache,
    status: () => status,
    appVersion: opts.appVersion ?? opts.env.npm_package_version ?? 'unknown',
    now,
  });

  const handlers: Handlers = {
    'sync:status': () => status,
    // A window's concern: the Electron shell overrides it (src/main/index.ts); the browser harness cannot protect.
    'shell:protectContent': () => ({ protected: false }),
    ...createSessionHandlers({ me, session, log }),
    ...createTicketHandlers({ ...featureDeps, agentId: () => me.agent()?.id ?? null, language: () => me.language() }),
    ...createRecoveryHandlers(featureDeps),
    ...createCallbackHandlers(featureDeps),
    ...createAttachmentHandlers(featureDeps),
    ...createPresenceHandlers(featureDeps),
    ...createSettingsHandlers({
      userDataDir: opts.userDataDir,
      backendInUse: { url: baseUrl, source: choice.kind === 'remote' ? choice.source : 'embedded' },
      emit: (view) => {
        pump.emit('settings:changed', view);
      },
    }),
    ...diagnostics.handlers,
  };
  log.info({ backend: embedded ? 'embedded' : 'remote' }, 'services started');

  let stopping: Promise<void> | null = null;
  return {
    handlers: logFailures(watchForDamage(handlers, damagedWhileRunning), log),
    log,
    exportDiagnosticsTo: (target) => diagnostics.exportTo(target),
    subscribe: (listener) => pump.subscribe(listener),
    stop() {
      stopping ??= (async () => {
        stopped = true;
        await rebuilding;
        pump.stop();
        // The worker writes; the owner connection closes only after it stopped (db/README.md).
        await sync.stop();
        await kept.close();
        await embedded?.close();
        log.info('services stopped');
        consoleLog.close();
      })();
      return stopping;
    },
  };
}
