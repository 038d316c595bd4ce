/**
 * Folds the sync engine's events into the one status the window shows
 * (connection, local storage, phase, progress, readiness, problems). Pure,
 * so it is tested without a worker or a window.
 */
import type { SyncStatus } from '../../shared/ipc.js';
import type { SyncEvent } from './events.js';

/** What the cache file already says at start: read once, so a restart shows the truth before the first pull. */
export interface StatusFromCache {
  lastPulledAt: string | null;
  searchReady: boolean;
  problems: number;
}

const NOTHING_CACHED: StatusFromCache = { lastPulledAt: null, searchReady: false, problems: 0 };

export function initialSyncStatus(
  backend: SyncStatus['backend'],
  rebuiltBecause: string | null,
  fromCache: StatusFromCache = NOTHING_CACHED,
): SyncStatus {
  return {
    backend,
    online: false,
    connection: 'connecting',
    storage: null,
    phase: 'idle',
    progress: null,
    urgentReady: false,
    searchReady: fromCache.searchReady,
    lastPulledAt: fromCache.lastPulledAt,
    problems: fromCache.problems,
    rebuiltBecause,
    outboxPending: 0,
    outboxNeedsAttention: 0,
  };
}

export function reduceSyncStatus(status: SyncStatus, event: SyncEvent): SyncStatus {
  switch (event.type) {
    case 'progress':
      return {
        ...status,
        phase: event.phase,
        progress: event.total === null ? null : { done: event.done, total: event.total },
        // Once live, the urgent records are necessarily in.
        urgentReady: status.urgentReady || event.phase !== 'urgent',
      };
    case 'urgent-ready':
      return { ...status, urgentReady: true };
    case 'caught-up':
      // A pull that reached the head wrote to the cache: whatever stopped writes before is over.
      return {
        ...status,
        phase: 'live',
        progress: null,
        urgentReady: true,
        lastPulledAt: event.at,
        rebuiltBecause: null,
        storage: status.storage?.problem === 'damaged' ? status.storage : null,
      };
    case 'search-ready':
      return { ...status, searchReady: true };
    case 'problem':
      return { ...status, problems: status.problems + 1 };
    case 'online':
      return { ...status, online: true, connection: 'online' };
    case 'slow':
      return { ...status, online: true, connection: 'slow' };
    case 'offline':
      return { ...status, online: false, connection: 'offline' };
    case 'storage':
      return { ...status, storage: { problem: event.problem, detail: event.detail } };
    case 'freshness':
      return { ...status, lastPulledAt: event.lastPullAt };
    case 'rebootstrap':
      return {
        ...status,
        phase: 'urgent',
        progress: null,
        urgentReady: false,
        searchReady: false,
        rebuiltBecause: status.rebuiltBecause ?? event.reason,
      };
    case 'outbox':
      return { ...status, outboxPending: event.pending, outboxNeedsAttention: event.needsAttention };
    case 'cache-damaged':
      // Main is rebuilding the file (services/kept-cache.ts): the status says why until the new cache catches up.
      return { ...status, storage: { problem: 'damaged', detail: event.reason }, rebuiltBecause: event.reason };
    case 'changed':
    case 'pull-stats':
    case 'error':
    case 'signed-in':
    case 'auth-required':
    case 'presence':
      return status;
  }
}

/** After sign-out emptied the cache: nothing synced, nothing waiting (the backend and its address stay). */
export function statusAfterWipe(status: SyncStatus): SyncStatus {
  return {
    ...status,
    phase: 'idle',
    progress: null,
    urgentReady: false,
    searchReady: false,
    lastPulledAt: null,
    outboxPending: 0,
    outboxNeedsAttention: 0,
    problems: 0,
    storage: null,
    rebuiltBecause: null,
  };
}
