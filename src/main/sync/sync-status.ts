/**
 * Folds the sync engine's events into the one status the window shows
 * (online, phase, progress, readiness, problems). Pure, so it is tested
 * without a worker or a window.
 */
import type { SyncStatus } from '../../shared/ipc.js';
import type { SyncEvent } from './events.js';

export function initialSyncStatus(backend: SyncStatus['backend'], rebuiltBecause: string | null): SyncStatus {
  return {
    backend,
    online: false,
    phase: 'idle',
    progress: null,
    urgentReady: false,
    searchReady: false,
    lastPulledAt: null,
    problems: 0,
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
      return { ...status, phase: 'live', progress: null, urgentReady: true, lastPulledAt: event.at };
    case 'search-ready':
      return { ...status, searchReady: true };
    case 'problem':
      return { ...status, problems: status.problems + 1 };
    case 'online':
      return { ...status, online: true };
    case 'offline':
      return { ...status, online: false };
    case 'freshness':
      return { ...status, lastPulledAt: event.lastPullAt };
    case 'rebootstrap':
      return { ...status, phase: 'urgent', progress: null, urgentReady: false, searchReady: false };
    case 'outbox':
      return { ...status, outboxPending: event.pending, outboxNeedsAttention: event.needsAttention };
    case 'changed':
    case 'pull-stats':
    case 'error':
    case 'signed-in':
    case 'auth-required':
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
  };
}
