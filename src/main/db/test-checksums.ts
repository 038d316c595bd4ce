/**
 * The tests' proof that a cache holds what the backend holds: per entity kind, the number of records and a
 * SHA-256 of their canonical JSON in id order, computed like the reference backend's `checksums()`, so the
 * two compare with `toEqual`. Not part of the reader: nothing in the app needs it.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { canonicalJson } from '../../shared/canonical-json.js';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';
import { fromClause, rowToRecord, selectColumns, TABLES } from './schema-map.js';

export type Checksums = Record<EntityKind, { count: number; sha256: string }>;

export function cacheChecksums(cache: { readonly db: Database }): Checksums {
  const { db } = cache;
  const out = {} as Checksums;
  // One read transaction, so all kinds are hashed from the same snapshot.
  db.transaction(() => {
    for (const kind of ENTITY_KINDS) {
      const spec = TABLES[kind];
      const hash = createHash('sha256');
      let count = 0;
      for (const row of db.prepare(`SELECT ${selectColumns(spec)} FROM ${fromClause(spec)} ORDER BY t.id`).iterate()) {
        if (count > 0) hash.update('\n');
        hash.update(canonicalJson(rowToRecord(kind, row as Record<string, unknown>)));
        count += 1;
      }
      out[kind] = { count, sha256: hash.digest('hex') };
    }
  }).deferred();
  return out;
}
