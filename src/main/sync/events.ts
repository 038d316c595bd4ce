/**
 * What the sync tells the UI. Plain data only: the events cross a worker
 * boundary (structured clone) and the CLI prints them as JSON lines.
 */
import type { EntityKind, Role } from '../../shared/entities.js';
import type { SyncPhase } from '../../shared/sync-protocol.js';
import type { PresenceEntry } from '../../shared/presence.js';

export type SyncEvent =
  /** Bootstrap progress (records delivered / expected); in live, total is null. */
  | { type: 'progress'; phase: SyncPhase; done: number; total: number | null }
  /** Everything urgent is applied: the queues can be shown. */
  | { type: 'urgent-ready' }
  /** The cache holds everything up to the server's head. */
  | { type: 'caught-up'; at: string }
  /** The search index covers every ticket. */
  | { type: 'search-ready' }
  /** A record the contract rejects was kept aside (see sync_problems). */
  | { type: 'problem'; kind: string; id: string; reason: string }
  /** Records changed; `many` lists kinds with too many ids to list (reload those views). */
  | { type: 'changed'; ids: Partial<Record<EntityKind, string[]>>; many: EntityKind[] }
  | { type: 'online' }
  | { type: 'offline'; reason: string }
  /** The backend answers, but a page or an action has taken longer than `afterMs`: the person is told. */
  | { type: 'slow'; afterMs: number }
  /** The cache file could not be written (full disk, read-only) or is damaged. */
  | { type: 'storage'; problem: 'full' | 'read-only' | 'damaged'; detail: string }
  /** Where a pull spent its time (benchmark and diagnostics): waiting for the network, validating, writing. */
  | {
      type: 'pull-stats';
      pages: number;
      applied: number;
      /** Requests retried during this pull (errors, drops, truncated bodies). */
      retries: number;
      waitMs: number;
      parseMs: number;
      applyMs: number;
      indexMs: number;
    }
  /** Last time a pull reached the server's head. */
  | { type: 'freshness'; lastPullAt: string }
  /** The cache was emptied to bootstrap again (other backend, refused cursor). */
  | { type: 'rebootstrap'; reason: string }
  /** Logged in (first time and after a token expired): who the console acts as. */
  | { type: 'signed-in'; agent: { id: string; name: string; roles: Role[] } }
  /** The backend refused our credentials (or the saved token expired and there is no password): someone must sign in. */
  | { type: 'auth-required'; reason: string }
  /** The outbox changed (action queued, sent, confirmed, refused, resolved); ticketIds = the tickets concerned. */
  | { type: 'outbox'; pending: number; needsAttention: number; ticketIds: string[] }
  /**
   * SQLite said the cache file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB): the
   * engine stopped, since retrying cannot help; main moves the file aside,
   * opens a fresh one and starts a new worker (the outbox journal keeps the actions).
   */
  | { type: 'cache-damaged'; reason: string }
  /** Who else is on which ticket now (push `presence` events; memory only, never logged nor cached). */
  | { type: 'presence'; present: PresenceEntry[] }
  /** A failure the sync could not handle itself (it keeps trying; the UI may show it). */
  | { type: 'error'; message: string };

export type SyncEventListener = (event: SyncEvent) => void;

export function errorMessage(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
