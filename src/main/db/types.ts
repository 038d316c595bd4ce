/** Public types of the cache: what callers of the read and write sides see. */
import type { EntityKind, EntityTypes, TicketStatus } from '../../shared/entities.js';
import type { SyncPhase, ValidChange } from '../../shared/sync-protocol.js';
import type { BulkScope } from './bulk-indexes.js';
import type { OutboxConflictRebase } from './outbox-conflict-rebase.js';
import type { OutboxReader, OutboxWriter } from './outbox-types.js';

/** A change the contract rejected, kept aside with what arrived. */
export interface ProblemInput {
  kind: string;
  id: string;
  reason: string;
  raw: unknown;
}

export interface SyncProblem {
  kind: string;
  id: string;
  version: number | null;
  reason: string;
  raw: unknown;
  firstSeen: string;
  lastSeen: string;
}

export interface ApplyResult {
  upserts: number;
  /** Upserts ignored because the cache already held that version or a newer one. */
  stale: number;
  deletes: number;
  problems: number;
  /** Ids of records that changed, per kind (for the UI's "changed" event). */
  touched: Partial<Record<EntityKind, string[]>>;
}

export interface SyncState {
  cursor: string | null;
  phase: SyncPhase | null;
  backend: string | null;
  lastPullAt: string | null;
}

export interface TicketCount {
  categoryId: string;
  status: TicketStatus;
  n: number;
}

export interface FtsProgress {
  indexedUpTo: number;
  maxRid: number;
  ready: boolean;
}

/** Read side: what the main thread's services and the sync engine ask of the cache (the queue views: views-reader.ts). */
export interface CacheReader extends OutboxReader {
  counts(): TicketCount[];
  getRecord<K extends EntityKind>(kind: K, id: string): EntityTypes[K] | null;
  syncState(): SyncState;
  problems(): SyncProblem[];
  ftsProgress(): FtsProgress;
  recoveryQueue(statuses: readonly EntityTypes['recovery']['status'][], limit: number): EntityTypes['recovery'][];
  messagesOf(ticketId: string): EntityTypes['message'][];
  /** The tickets these messages belong to (a synced message changes its ticket's screen). */
  ticketIdsOfMessages(messageIds: readonly string[]): string[];
}

/**
 * One write transaction fed page by page: the sync applies each page as it
 * arrives (so the event loop is free between pages to fetch the next one)
 * and commits every few pages together with the cursor of the last one.
 * Nothing is visible to readers, and nothing survives a crash, before commit.
 */
export interface WriteSession {
  apply(changes: readonly ValidChange[], problems: readonly ProblemInput[]): void;
  /** Stores cursor and phase and commits; returns what the whole session did. */
  commit(cursor: string, phase: SyncPhase): ApplyResult;
  rollback(): void;
}

/** Write side: only the sync engine holds one. */
export interface CacheWriter {
  /** Applies changes, records problems and stores cursor and phase, all in one transaction. */
  applyChanges(
    changes: readonly ValidChange[],
    problems: readonly ProblemInput[],
    cursor: string,
    phase: SyncPhase,
  ): ApplyResult;
  /** Opens a write transaction on this connection (one at a time); see WriteSession. */
  beginSession(): WriteSession;
  /** Writes the records of a direct call's answer (sync/direct-calls.ts), in one transaction; the cursor does not move. */
  applyAnswer(changes: readonly ValidChange[]): ApplyResult;
  /** Indexes up to `maxRows` more tickets for search, in its own transaction. */
  indexSearchChunk(maxRows: number): FtsProgress;
  /** Forgets every record and the cursor so the next pull bootstraps (other backend, or a cursor the server refused). */
  resetForBootstrap(backend: string): void;
  setLastPullAt(iso: string): void;
  /** Before a large urgent or history phase: swap the queue indexes for small partial ones (see bulk-indexes.ts). */
  beginBulkLoad(scope?: BulkScope): void;
  /** After it: build the full queue indexes again. Takes seconds at 1M tickets. */
  endBulkLoad(): void;
  isBulkLoading(): boolean;
  /** Which bulk load is under way (it survives a restart), or null. */
  bulkLoadScope(): BulkScope | null;
  /** The agent's actions on their way to the backend (outbox-writer.ts). */
  readonly outbox: OutboxWriter;
  /** A 409 on a field nobody else changed: the action moved onto the record now (outbox-conflict-rebase.ts). */
  readonly outboxRebase: OutboxConflictRebase;
}
