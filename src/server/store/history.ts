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
import type { Database, Statement } from 'better-sqlite3';

/** Bytes of the hash a cursor carries: 128 bits, as base64url (22 characters). */
const ANCHOR_BYTES = 16;

/** The commit digest under construction: what a write transaction changed, in order. */
export type CommitDigest = Hash;

export class History {
  private readonly covering: Statement<[number], { hash: Buffer }>;
  private readonly lastRow: Statement<[], { seq: number; hash: Buffer }>;
  private readonly insert: Statement<[number, Buffer]>;
  private lastSeq: number;
  private lastHash: Buffer;

  constructor(db: Database) {
    this.covering = db.prepare('SELECT hash FROM history WHERE seq >= ? ORDER BY seq LIMIT 1');
    this.lastRow = db.prepare('SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare('INSERT INTO history (seq, hash) VALUES (?, ?)');
    const last = this.lastRow.get();
    if (last === undefined) throw new Error('The backend database has no history row 0 (migration 005).');
    this.lastSeq = last.seq;
    this.lastHash = last.hash;
  }

  /** The seq of the newest commit in the chain. */
  get headSeq(): number {
    return this.lastSeq;
  }

  /** A digest to feed with a commit's writes; `append` closes it. */
  static startCommit(): CommitDigest {
    return createHash('sha256');
  }

  /**
   * Adds the commit that ended at `seq`; call it inside that commit's
   * transaction. A commit without a digest (rows written outside the record
   * store: the seed's bulk load) is still a commit of its own.
   */
  append(seq: number, digest: CommitDigest | null): void {
    const content = (digest ?? History.startCommit()).update(randomBytes(16)).digest();
    const hash = createHash('sha256').update(this.lastHash).update(`${seq}\n`).update(content).digest();
    this.insert.run(seq, hash);
    this.lastSeq = seq;
    this.lastHash = hash;
  }

  /** After a rolled back transaction: the chain's end as stored. */
  reload(): void {
    const last = this.lastRow.get();
    if (last === undefined) return;
    this.lastSeq = last.seq;
    this.lastHash = last.hash;
  }

  /** The anchor of the commit that holds `seq` (0: the database's own row), or null past the newest commit. */
  anchorAt(seq: number): string | null {
    const row = this.covering.get(seq);
    return row === undefined ? null : row.hash.subarray(0, ANCHOR_BYTES).toString('base64url');
  }

  /** Whether a cursor's (seq, anchor) belongs to this history. */
  holds(seq: number, anchor: string): boolean {
    return this.anchorAt(seq) === anchor;
  }
}
