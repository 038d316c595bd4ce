import type { Database } from 'better-sqlite3-multiple-ciphers';
import { migration001Initial } from './001-initial.js';
import { migration002Outbox } from './002-outbox.js';
import { migration003QueueViews } from './003-queue-views.js';
import { migration004RecoveryAudit } from './004-recovery-audit.js';
import { migration005AgentCalendars } from './005-agent-calendars.js';
import { migration006OpenWorkSortIndexes } from './006-open-work-sort-indexes.js';
import { migration007EscalatedQueueIndex } from './007-escalated-queue-index.js';
import { migration008AccountIndexByCreation } from './008-account-index-by-creation.js';
import { migration009AuditServed } from './009-audit-served.js';
import { migration010MergeLinks } from './010-merge-links.js';
import { migration011OutboxRebase } from './011-outbox-rebase.js';
import { migration012ExactSearch } from './012-exact-search.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';

/** Every migration, in order. Append only; never edit or reorder a landed entry. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002Outbox,
  migration003QueueViews,
  migration004RecoveryAudit,
  migration005AgentCalendars,
  migration006OpenWorkSortIndexes,
  migration007EscalatedQueueIndex,
  migration008AccountIndexByCreation,
  migration009AuditServed,
  migration010MergeLinks,
  migration011OutboxRebase,
  migration012ExactSearch,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The cache file was written by a newer build; an older build must not guess at its schema. */
export class CacheTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `The local cache has schema version ${fileVersion}, but this version of Support Console only knows up to ${appVersion}. ` +
        'Update the app, or remove the cache file to re-sync from the server.',
    );
    this.name = 'CacheTooNewError';
  }
}

export function readUserVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the file up to the newest schema in one transaction, so a crash
 * mid-way leaves the previous version intact (user_version is part of the
 * same transaction). Returns the versions applied.
 */
export function runMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration list out of order: ${m.name} has version ${m.version} at ${i + 1}`);
  });
  const current = readUserVersion(db);
  if (current > migrations.length) throw new CacheTooNewError(current, migrations.length);
  const pending = migrations.slice(current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      // PRAGMA takes no bound parameters; the value is an integer we control.
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return pending.map((m) => m.version);
}
