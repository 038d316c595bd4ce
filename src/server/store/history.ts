/**
 * The identity of the backend's history (docs/ARCHITECTURE.md, "Which
 * history a cursor belongs to"): a hash chain over its commits.
 *
 * Row 0 holds random bytes made with the database (migration 005), so two
 * databases never share a chain, even when seeded alike. Every commit adds a
 * row at its last seq: sha256(previous hash, that seq, the commit's digest).
 * The digest covers what the commit wrote and 16 random bytes, so a database
 * restored from a copy and written again gets other hashes at the seqs it
 * reuses. A cursor carries the anchor of the commit holding its seq; a seq
 * that is not in this history, or whose commit has another hash, is a cursor
 * (or an action) of another history.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { SqlSession } from '../db/sql.js';

/** Bytes of the hash a cursor carries: 128 bits, as base64url (22 characters). */
const ANCHOR_BYTES = 16;

/** The commit digest under construction: what a write transaction changed, in order. */
export type CommitDigest = Hash;

/**
 * The chain lives in the database only: its head is read inside each write
 * transaction, so processes sharing the database extend one chain.
 */
export const History = {
  /** A digest to feed with a commit's writes; `append` closes it. */
  startCommit(): CommitDigest {
    return createHash('sha256');
  },

  /** The seq of the newest commit in the chain. */
  async headSeq(db: SqlSession): Promise<number> {
    const last = await db.get<{ seq: number }>('SELECT seq FROM history ORDER BY seq DESC LIMIT 1');
    if (last === undefined) throw new Error('The backend database has no history row 0 (migration 005).');
    return last.seq;
  },

  /**
   * Adds the commit that ended at `seq`, inside that commit's transaction `tx`.
   * A commit without a digest (rows written outside the record store: the
   * seed's bulk load) is still a commit of its own.
   */
  async append(tx: SqlSession, seq: number, digest: CommitDigest | null): Promise<void> {
    const last = await tx.get<{ hash: Uint8Array }>('SELECT hash FROM history ORDER BY seq DESC LIMIT 1');
    if (last === undefined) throw new Error('The backend database has no history row 0 (migration 005).');
    const content = (digest ?? History.startCommit()).update(randomBytes(16)).digest();
    const hash = createHash('sha256').update(last.hash).update(`${seq}\n`).update(content).digest();
    await tx.run('INSERT INTO history (seq, hash) VALUES (?, ?)', [seq, hash]);
  },

  /** The anchor of the commit that holds `seq` (0: the database's own row), or null past the newest commit. */
  async anchorAt(db: SqlSession, seq: number): Promise<string | null> {
    const row = await db.get<{ hash: Uint8Array }>('SELECT hash FROM history WHERE seq >= ? ORDER BY seq LIMIT 1', [
      seq,
    ]);
    return row === undefined ? null : Buffer.from(row.hash).subarray(0, ANCHOR_BYTES).toString('base64url');
  },
};
