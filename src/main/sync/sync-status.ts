/**
 * Folds the sync engine's events into the one status the window shows
 * (connection, local storage, phase, progress, readiness, problems). Pure,
 * so it is tested without a worker or a window.
 */
import type { SyncStatus } from '../../shared/ipc.js';
import { CACHE_KEY_LOST } from '../db/cipher.js';
import type { SyncEvent } from './events.js';

/** What the cache file already says at start: read once, so a restart shows the truth before the first pull. */
export interface StatusFromCache {
  lastPulledAt: string | null;
  searchReady: boolean;
  problems: number;
}

const NOTHING_CACHED: StatusFromCache = { lastPulledAt: null, searchReady: false, problems: 0 };

/**
 * The storage problem a rebuild at start (or by main, at run time) says while it runs: main rebuilds the
 * cache for damage or for a key that no longer opens it, and only damage is the disk's problem. Kept until
 * the new cache has caught up, so the person reads what happens next (rebuilt from the server, unsent
 * actions kept) for as long as it happens.
 */
function storageDuringRebuild(rebuiltBecause: string | null): SyncStatus['storage'] {
  if (rebuiltBecause === null || rebuiltBecause.startsWith(CACHE_KEY_LOST)) return null;
  return { problem: 'damaged', detail: rebuiltBecause };
}

export function initialSyncStatus(
  backend: SyncStatus['backend'],
  rebuiltBecause: string | null,
  fromCache: StatusFromCache = NOTHING_CACHED,
): SyncStatus {
  return {
    backend,
    online: false,
    connection: 'connecting',
    storage: storageDuringRebuild(rebuiltBecause),
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
      // A pull that reached the head wrote to the cache: whatever stopped writes before is over, and a
      // damaged file has been replaced by one that holds the server's state (the engine that met the damage
      // stopped at once and says nothing after it).
      return {
        ...status,
        phase: 'live',
        progress: null,
        urgentReady: true,
        lastPulledAt: event.at,
        rebuiltBecause: null,
        storage: null,
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
