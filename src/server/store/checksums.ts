/**
 * Per-kind checksums that a client cache can recompute from its own rows:
 * sha256 over canonicalJson(record) of every current record sorted by id
 * (binary order), joined with "\n". Stored data is already canonical JSON,
 * so this hashes the stored text without parsing it.
 */
import { createHash } from 'node:crypto';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';
import { tableOf } from '../db/schema.js';
import type { SqlSession } from '../db/sql.js';

export type Checksums = Record<EntityKind, { count: number; sha256: string }>;

/** Rows read per statement: memory stays flat at a million records. */
const PAGE = 5000;

export async function computeChecksums(db: SqlSession): Promise<Checksums> {
  const out = {} as Checksums;
  for (const kind of ENTITY_KINDS) {
    const hash = createHash('sha256');
    let count = 0;
    let after: string | null = null;
    for (;;) {
      // Keyset pages in id order (binary: the PostgreSQL schema declares ids COLLATE "C").
      const rows = (await db.rows(
        after === null
          ? `SELECT id, data FROM ${tableOf(kind)} ORDER BY id LIMIT ?`
          : `SELECT id, data FROM ${tableOf(kind)} WHERE id > ? ORDER BY id LIMIT ?`,
        after === null ? [PAGE] : [after, PAGE],
      )) as [string, string][];
      for (const [id, data] of rows) {
        if (count > 0) hash.update('\n');
        hash.update(data);
        count++;
        after = id;
      }
      if (rows.length < PAGE) break;
    }
    out[kind] = { count, sha256: hash.digest('hex') };
  }
  return out;
}
