/**
 * The services' side of logs and diagnostics: what the sync tells is logged
 * (problems, going offline, failures), every handler that throws is logged
 * with its channel, and `shell:exportDiagnostics` writes the archive into
 * <userData>/diagnostics/ (the browser harness's answer; the Electron shell
 * asks where with a save dialog and calls `exportTo`). Updates are the
 * installed app's business: here a check answers `not-packaged`.
 */
import { join } from 'node:path';
import type { SyncStatus } from '../../shared/ipc.js';
import type { CacheReader } from '../db/types.js';
import { defaultDiagnosticsPath, processVersions, writeDiagnosticsArchive } from './archive.js';
import type { ConsoleLog, Logger } from './logger.js';
import type { Handlers } from '../../shared/ipc-handlers.js';
import type { SyncEvent } from '../sync/events.js';

type DiagnosticsHandlers = Pick<Handlers, 'shell:exportDiagnostics' | 'shell:checkForUpdates' | 'shell:installUpdate'>;

export interface Diagnostics {
  handlers: DiagnosticsHandlers;
  /** Writes the archive to `target` (a path the person chose). */
  exportTo(target: string): { path: string; bytes: number };
}

export function createDiagnostics(o: {
  userDataDir: string;
  consoleLog: ConsoleLog;
  reader: Pick<CacheReader, 'problems'>;
  status: () => SyncStatus;
  appVersion: string;
  now: () => Date;
}): Diagnostics {
  const exportTo = (target: string): { path: string; bytes: number } => {
    const written = writeDiagnosticsArchive(
      {
        logFiles: o.consoleLog.files(),
        settingsFile: join(o.userDataDir, 'settings.json'),
        versions: processVersions(o.appVersion),
        syncStatus: o.status(),
        problems: o.reader.problems(),
        now: o.now(),
      },
      target,
    );
    o.consoleLog.log.info({ bytes: written.bytes }, 'diagnostics archive written');
    return written;
  };
  return {
    exportTo,
    handlers: {
      'shell:exportDiagnostics': () => ({ saved: true, ...exportTo(defaultDiagnosticsPath(o.userDataDir, o.now())) }),
      'shell:checkForUpdates': () => ({ state: 'not-packaged' }),
      'shell:installUpdate': () => ({ installing: false }),
    },
  };
}

/** What of the sync is worth a line: trouble always, the routine only at debug level. */
export function logSyncEvent(log: Logger, event: SyncEvent): void {
  switch (event.type) {
    case 'problem':
      log.warn({ kind: event.kind, id: event.id, reason: event.reason }, 'sync: record kept aside');
      break;
    case 'offline':
      log.warn({ reason: event.reason }, 'sync: offline');
      break;
    case 'online':
      log.info('sync: online');
      break;
    case 'rebootstrap':
      log.warn({ reason: event.reason }, 'sync: cache emptied to bootstrap again');
      break;
    case 'auth-required':
      log.warn({ reason: event.reason }, 'sync: sign-in required');
      break;
    case 'error':
      log.error({ message: event.message }, 'sync: failure');
      break;
    case 'signed-in':
      log.info({ agentId: event.agent.id, roles: event.agent.roles }, 'sync: signed in');
      break;
    case 'caught-up':
    case 'pull-stats':
      log.debug({ event }, 'sync');
      break;
    default:
      break;
  }
}

/**
 * The same handlers, each failure logged with its channel before it goes on
 * to the door (which answers the page `internal`, without the detail).
 */
export function logFailures<H extends Partial<Handlers>>(handlers: H, log: Logger): H {
  const wrapped: Record<string, unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (...args: unknown[]) => unknown][]) {
    const failed = (error: unknown): never => {
      log.error({ err: error, channel }, `${channel} failed`);
      throw error;
    };
    // Sync handlers stay sync: callers such as the harness's event stream read `sync:status` directly.
    wrapped[channel] = (...args: unknown[]) => {
      try {
        const answer = handler(...args);
        return answer instanceof Promise ? answer.catch(failed) : answer;
      } catch (error) {
        return failed(error);
      }
    };
  }
  return wrapped as H;
}
