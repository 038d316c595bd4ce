/**
 * Per-kind checksums that a client cache can recompute from its own rows:
 * sha256 over canonicalJson(record) of every current record sorted by id
 * (binary order), joined with "\n". Stored data is already canonical JSON,
 * so this hashes the stored text without parsing it.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';
import { tableOf } from '../db/schema.js';

export type Checksums = Record<EntityKind, { count: number; sha256: string }>;

export function computeChecksums(db: Database): Checksums {
  const out = {} as Checksums;
  for (const kind of ENTITY_KINDS) {
    const hash = createHash('sha256');
    let count = 0;
    const rows = db
      .prepare<[], [string]>(`SELECT data FROM ${tableOf(kind)} ORDER BY id`)
      .raw()
      .iterate();
    for (const [data] of rows) {
      if (count > 0) hash.update('\n');
      hash.update(data);
      count++;
    }
    out[kind] = { count, sha256: hash.digest('hex') };
  }
  return out;
}
