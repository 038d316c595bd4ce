/** Valid records for the cache's own tests (the sync tests use the reference backend instead). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite from 'better-sqlite3-multiple-ciphers';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { firstQueueQuery } from '../../shared/queue-sort.js';
import type { Category, Ticket } from '../../shared/entities.js';
import type { QueueWindow, QueueWindowQuery } from '../../shared/ipc.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import { applyKey } from './cipher.js';
import { createViewsReader } from './views-reader.js';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `sc-${prefix}-`));
}

/** A cache file opened read-only with its key, as a test looks at what landed on disk (no health check, no marker). */
export function openCacheFileReadOnly(file: string, key: Uint8Array): Database {
  const db = new BetterSqlite(file, { readonly: true, fileMustExist: true });
  applyKey(db, key);
  return db;
}

const STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;

export function makeTicket(n: number, over: Partial<Ticket> = {}): Ticket {
  const stamp = new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();
  return {
    id: `T${String(n).padStart(7, '0')}`,
    accountId: n % 3 === 0 ? null : `A${n % 50}`,
    channel: 'portal',
    categoryId: `C${n % 7}`,
    subject: `Problème de messagerie ${n}`,
    body: `Bonjour, depuis hier je ne reçois plus mes courriels sur le domaine exemple${n}.ch. Merci d'avance.`,
    status: STATUSES[n % STATUSES.length] ?? 'new',
    priority: 'normal',
    requesterName: 'Zoé Müller',
    requesterEmail: `kunde${n}@example.ch`,
    language: 'fr',
    callbackPhone: null,
    attachments: [],
    assigneeId: n % 4 === 0 ? null : `G${n % 9}`,
    duplicateOfId: null,
    level: n % 10 === 0 ? 2 : 1,
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...over,
  };
}

export function makeCategory(n: number, version = 1): Category {
  return {
    id: `C${n}`,
    names: { fr: `Cat ${n}`, de: `Kat ${n}`, it: `Cat ${n}`, en: `Cat ${n}` },
    position: n,
    version,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

export function upsertTicket(t: Ticket): ValidChange {
  return { op: 'upsert', kind: 'ticket', id: t.id, version: t.version, record: t };
}

/**
 * A window of the queue read the way the `queue:window` handler reads it (views-reader.ts), from the queue
 * screen's first query (every ticket, open work, newest first, first page) changed by `over`.
 */
export function queueWindow(
  cache: { readonly db: Database },
  over: Partial<QueueWindowQuery> = {},
  me: string | null = null,
): QueueWindow {
  const query = firstQueueQuery(over);
  return createViewsReader(cache.db).queueWindow(query, me);
}
