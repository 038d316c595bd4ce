/**
 * The console's main-process services, without Electron: the backend choice,
 * the cache (opened here as owner, read on this thread only), the sync worker
 * (the single writer), the status, and one handler per IPC channel. The
 * Electron shell (src/main/index.ts) and the browser harness (src/harness)
 * both serve these handlers through their own door.
 */
import { join } from 'node:path';
import { CANNED_REPLIES } from '../../shared/canned-replies.js';
import type { SyncStatus } from '../../shared/ipc.js';
import { chooseBackend } from '../backend/backend-config.js';
import { openCache } from '../db/index.js';
import { createConsoleLog, LOG_LEVEL_ENV } from '../diagnostics/logger.js';
import type { Logger } from '../diagnostics/logger.js';
import { createViewsReader } from '../db/views-reader.js';
import type { Handlers } from '../ipc/handle.js';
import { categoryCounts } from '../features/tickets/category-counts.js';
import { initialSyncStatus, reduceSyncStatus } from '../sync/sync-status.js';
import type * as EmbeddedModule from '../backend/embedded.js';
import { lazy } from '../lazy.js';
import type { login as loginOverHttp } from '../sync/http.js';
import { startSyncWorker } from '../sync/worker.js';
import type { WorkerEngineSettings } from '../sync/worker-protocol.js';
import { createCallbackHandlers } from '../features/callbacks/handlers.js';
import { createRecoveryHandlers } from '../features/recovery/handlers.js';
import { createSession } from '../features/session/session.js';
import { createSwitchableWorker } from '../features/session/switchable-worker.js';
import { createMemoryVault } from '../features/session/vault.js';
import type { SessionVault } from '../features/session/vault.js';
import { wipeCache, wipeDocuments } from '../features/session/wipe.js';
import { createSettingsHandlers } from '../features/settings/handlers.js';
import { createDiagnostics, logFailures, logSyncEvent } from '../diagnostics/handlers.js';
import { createEventPump } from './event-pump.js';
import type { FeatureDeps } from './feature-deps.js';
import type { ServiceListener } from './event-pump.js';
import { readConsoleSettings, toSession, writeConsoleSettings } from '../features/session/stored-session.js';
import type { StoredAgent } from '../features/session/stored-session.js';
import { readTicketDetail, withOutboxState } from '../features/tickets/ticket-detail.js';

export type { ServiceListener } from './event-pump.js';

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

/** How long `session:get` waits for a first sign-in before it reports the problem. */
const SIGN_IN_WAIT_MS = 15_000;

// undici loads with the first direct login, not with the app: the sync worker does the HTTP of an ordinary start.
const http = lazy(() => import('../sync/http.js'));
const login: typeof loginOverHttp = async (...args) => (await http()).login(...args);

export async function createConsoleServices(opts: ConsoleServicesOptions): Promise<ConsoleServices> {
  const now = opts.now ?? (() => new Date());
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
  let cache: ReturnType<typeof openCache>;
  try {
    cache = openCache(cacheFile, { owner: true });
  } catch (error) {
    log.fatal({ err: error }, 'the cache did not open');
    await embedded?.close();
    consoleLog.close();
    throw error;
  }
  if (cache.health.rebuilt) log.warn({ reason: cache.health.reason }, 'cache rebuilt');
  const reader = cache.reader;
  const views = createViewsReader(cache.db);
  const pump = createEventPump({
    onListenerError: (channel, error) => {
      log.error({ err: error, channel }, 'event listener failed');
    },
  });

  const settings = readConsoleSettings(opts.userDataDir);
  let language = settings.language;
  let agent: StoredAgent | null = settings.agent;
  let status: SyncStatus = initialSyncStatus(
    { kind: embedded ? 'embedded' : 'remote', url: baseUrl },
    cache.health.rebuilt ? cache.health.reason : null,
  );
  // Actions left from the last session count from the first paint, before the worker reports.
  const left = reader.outboxCounts();
  status = { ...status, outboxPending: left.pending, outboxNeedsAttention: left.needsAttention };

  const agentWaiters = new Set<(a: StoredAgent) => void>();
  const setAgent = (next: StoredAgent): void => {
    const changed = agent?.id !== next.id || agent.name !== next.name || agent.roles.join() !== next.roles.join();
    agent = next;
    if (changed) writeConsoleSettings(opts.userDataDir, { agent: next });
    for (const w of agentWaiters) w(next);
    agentWaiters.clear();
    // "mine" depends on who signed in.
    if (changed) pump.changed([], true);
  };

  // Sign-in and sign-out replace the worker; features keep this one handle.
  const sync = createSwitchableWorker(null);
  const session = createSession({
    backend: { kind: embedded ? 'embedded' : 'remote', url: baseUrl },
    vault: opts.vault ?? createMemoryVault(),
    fixedCredentials,
    worker: sync,
    startWorker: (credentials) =>
      startSyncWorker({
        dbPath: cacheFile,
        baseUrl,
        ...credentials,
        ...(opts.workerSettings ? { settings: opts.workerSettings } : {}),
        ...(opts.workerUrl ? { workerUrl: opts.workerUrl } : {}),
      }),
    login: (url, name, password) => login(url, name, password),
    onSignedIn: (a) => {
      log.info({ agentId: a.id, roles: a.roles }, 'signed in');
      setAgent(a);
    },
    outboxPending: () => {
      const counts = reader.outboxCounts();
      return counts.pending + counts.needsAttention;
    },
    wipeLocalData: () => {
      wipeCache(cache);
      wipeDocuments(opts.userDataDir);
      agent = null;
      writeConsoleSettings(opts.userDataDir, { agent: null });
      status = { ...status, phase: 'idle', progress: null, urgentReady: false, searchReady: false, lastPulledAt: null };
      status = { ...status, outboxPending: 0, outboxNeedsAttention: 0, problems: 0 };
      pump.status(status);
      pump.changed([], true);
      return Promise.resolve();
    },
    emit: (state) => {
      pump.emit('session:changed', state);
    },
  });
  const ticketIdsOfMessages = cache.db.prepare('SELECT DISTINCT ticket_id FROM messages WHERE id = ?').pluck();
  sync.events.subscribe((event) => {
    logSyncEvent(log, event);
    status = reduceSyncStatus(status, event);
    pump.status(status);
    switch (event.type) {
      case 'changed': {
        const ticketIds = event.ids.ticket ?? [];
        const fromMessages = (event.ids.message ?? []).flatMap((id) => ticketIdsOfMessages.all(id) as string[]);
        const everything = event.many.length > 0 || event.ids.category !== undefined || event.ids.agent !== undefined;
        pump.changed([...ticketIds, ...fromMessages], everything);
        break;
      }
      case 'urgent-ready':
      case 'rebootstrap':
        pump.changed([], true);
        break;
      case 'outbox':
        pump.changed(event.ticketIds);
        break;
      case 'signed-in':
        setAgent(event.agent);
        break;
      default:
        break;
    }
  });

  // Only now: the subscription above must see the worker's first events.
  await session.start();

  /** Who "me" is: the worker's sign-in, else the last one stored, else one direct login (the worker may be offline or slow). */
  let directLogin: Promise<StoredAgent> | null = null;
  const currentAgent = async (): Promise<StoredAgent> => {
    if (agent !== null) return agent;
    const signedIn = new Promise<StoredAgent>((resolve) => agentWaiters.add(resolve));
    const credentials = session.passwordCredentials();
    if (credentials === null) directLogin = null;
    else
      directLogin ??= login(baseUrl, credentials.login, credentials.password).then((r) => {
        setAgent(r.agent);
        return r.agent;
      });
    directLogin?.catch(() => {
      directLogin = null;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error('not signed in yet: the backend did not answer'));
      }, SIGN_IN_WAIT_MS);
    });
    try {
      return await Promise.race([signedIn, directLogin?.catch(() => signedIn) ?? signedIn, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const featureDeps: FeatureDeps = {
    db: cache.db,
    reader,
    sync,
    currentAgent,
    userDataDir: opts.userDataDir,
    now,
    pump,
  };

  const diagnostics = createDiagnostics({
    userDataDir: opts.userDataDir,
    consoleLog,
    reader,
    status: () => status,
    appVersion: opts.appVersion ?? opts.env.npm_package_version ?? 'unknown',
    now,
  });

  const handlers: Handlers = {
    'session:get': async () => toSession(await currentAgent(), language),
    'settings:setLanguage': async (next) => {
      language = next;
      writeConsoleSettings(opts.userDataDir, { language: next });
      return toSession(await currentAgent(), language);
    },
    'sync:status': () => status,
    'queue:counts': () => ({
      categories: categoryCounts(reader, language),
      views: views.viewCounts(agent?.id ?? null),
    }),
    'queue:window': (query) => {
      const window = views.queueWindow(query, agent?.id ?? null);
      return { ...window, rows: withOutboxState(reader, window.rows) };
    },
    'ticket:get': (id) => readTicketDetail(reader, views, id, now()),
    'ticket:act': async (action) => {
      const result = await sync.act(action);
      // The row is written before act() answers: tell every window now, not after the merge window.
      if (result.accepted) {
        pump.changed([action.ticketId]);
        pump.flush();
      }
      return result;
    },
    'outbox:resolve': async (actionId, choice) => {
      await sync.resolveOutbox(actionId, choice);
      return { ok: true };
    },
    'categories:list': () => views.categories(),
    'agents:list': () => views.agents(),
    'canned:list': () => [...CANNED_REPLIES],
    ...session.handlers,
    'session:signIn': async (login, password) => {
      const result = await session.handlers['session:signIn'](login, password);
      // The reason only: the login may be an e-mail address, and the password never goes anywhere.
      if (!result.ok) log.warn({ reason: result.reason }, 'sign-in refused');
      return result;
    },
    // A window's concern: the Electron shell overrides it (src/main/index.ts); the browser harness cannot protect.
    'shell:protectContent': () => ({ protected: false }),
    ...createRecoveryHandlers(featureDeps),
    ...createCallbackHandlers(featureDeps),
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
    handlers: logFailures(handlers, log),
    log,
    exportDiagnosticsTo: (target) => diagnostics.exportTo(target),
    subscribe: (listener) => pump.subscribe(listener),
    stop() {
      stopping ??= (async () => {
        pump.stop();
        // The worker writes; the owner connection closes only after it stopped (db/README.md).
        await sync.stop();
        cache.close();
        await embedded?.close();
        log.info('services stopped');
        consoleLog.close();
      })();
      return stopping;
    },
  };
}
