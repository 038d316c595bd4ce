/**
 * The only door to record rows: reads, validated writes, deletes with
 * tombstones, and the global seq every write takes.
 *
 * Nothing of it lives in the process: several backend processes may share
 * the database. The seq counter is the sequencer row `feed_head` (migration
 * 006), read and advanced inside each write transaction; the records per kind
 * (a bootstrap's progress total) are `record_count`, kept in the same
 * transaction; the history chain's head is read there too (history.ts).
 *
 * A write is `records.write(async (w) => …)`: `w`, a RecordWriter, is bound to
 * that one transaction and passed down explicitly (to the mutation rules as
 * `ctx.records`). Each write that changed something is also a commit of the
 * history chain, added in the same transaction; the push hub hears of it
 * after the commit.
 */
import { ENTITY_KINDS, ENTITY_SCHEMAS } from '../../shared/entities.js';
import type { EntityKind, EntityTypes } from '../../shared/entities.js';
import { tableOf } from '../db/schema.js';
import type { SqlDatabase, SqlSession, SqlValue } from '../db/sql.js';
import { writeAccountKeys } from './account-keys.js';
import { History } from './history.js';
import type { CommitDigest } from './history.js';
import { isUrgent, stringField } from './urgency.js';
import { deleteJson, numericRid, storedJson, upsertJson } from './wire.js';

/** A stored record that no longer matches its schema (only admin.writeUnchecked makes those). */
export class InvalidStoredRecordError extends Error {
  constructor(kind: EntityKind, id: string) {
    super(`Stored ${kind} ${id} does not match the schema`);
    this.name = 'InvalidStoredRecordError';
  }
}

interface StoredRow {
  rid: number;
  urgent: number;
  data: string;
}

/** Columns a kind keeps beside `data`, filled from the record's fields of the same meaning. */
const EXTRA_COLUMNS: Partial<Record<EntityKind, readonly (readonly [column: string, field: string])[]>> = {
  message: [['ticket_id', 'ticketId']],
  callback: [
    ['ticket_id', 'ticketId'],
    ['expert_id', 'expertId'],
    ['starts_at', 'startsAt'],
    ['ends_at', 'endsAt'],
    ['status', 'status'],
  ],
};

interface KindSql {
  get: string;
  ridTaken: string;
  maxRid: string;
  upsert: string;
  remove: string;
}

function kindSql(kind: EntityKind): KindSql {
  const t = tableOf(kind);
  const extra = (EXTRA_COLUMNS[kind] ?? []).map(([column]) => column);
  const columns = ['rid', 'id', 'seq', 'version', 'urgent', 'data', ...extra];
  const updated = ['seq', 'version', 'urgent', 'data', ...extra].map((c) => `${c} = excluded.${c}`).join(', ');
  return {
    get: `SELECT rid, urgent, data FROM ${t} WHERE id = ?`,
    ridTaken: `SELECT rid FROM ${t} WHERE rid = ?`,
    maxRid: `SELECT max(rid) AS m FROM ${t}`,
    upsert: `INSERT INTO ${t} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
      ON CONFLICT (id) DO UPDATE SET ${updated}`,
    remove: `DELETE FROM ${t} WHERE id = ?`,
  };
}

const SQL = Object.fromEntries(ENTITY_KINDS.map((k) => [k, kindSql(k)])) as Record<EntityKind, KindSql>;

const HEAD_SQL = 'SELECT seq FROM feed_head WHERE id = 1';

async function readRow(db: SqlSession, kind: EntityKind, id: string): Promise<StoredRow | undefined> {
  return db.get<StoredRow>(SQL[kind].get, [id]);
}

function parseRecord<K extends EntityKind>(
  kind: K,
  id: string,
  row: StoredRow | undefined,
): EntityTypes[K] | undefined {
  if (!row) return undefined;
  const parsed = ENTITY_SCHEMAS[kind].safeParse(JSON.parse(row.data));
  if (!parsed.success) throw new InvalidStoredRecordError(kind, id);
  return parsed.data as EntityTypes[K];
}

async function readRecord<K extends EntityKind>(
  db: SqlSession,
  kind: K,
  id: string,
): Promise<EntityTypes[K] | undefined> {
  return parseRecord(kind, id, await readRow(db, kind, id));
}

function rawOf(row: StoredRow | undefined): unknown {
  return row ? (JSON.parse(row.data) as unknown) : undefined;
}

/** The seq of the newest change: the sequencer row. */
export async function readHeadSeq(db: SqlSession): Promise<number> {
  const row = await db.get<{ seq: number }>(HEAD_SQL);
  if (row === undefined) throw new Error('The backend database has no sequencer row (migration 006).');
  return row.seq;
}

/** Where a bootstrap starts: the head and the records of these kinds at that head, read in one statement. */
export interface BootstrapStart {
  head: number;
  total: number;
}

export class RecordStore {
  private readonly listeners = new Set<(head: number, kinds: ReadonlySet<EntityKind>) => void>();

  private constructor(readonly db: SqlDatabase) {}

  /**
   * The store over `db`. Rows written outside it (the seed's bulk load, a
   * database from before migration 005) become one commit of the history,
   * so every seq has an anchor.
   */
  static async open(db: SqlDatabase): Promise<RecordStore> {
    await db.transaction(async (tx) => {
      const head = await readHeadSeq(tx);
      if (head > (await History.headSeq(tx))) await History.append(tx, head, null);
    });
    return new RecordStore(db);
  }

  /** The history anchor of the commit holding `seq`; null when this database never reached it. */
  anchorAt(seq: number, db: SqlSession = this.db): Promise<string | null> {
    return History.anchorAt(db, seq);
  }

  /** The seq of the newest change. */
  headSeq(db: SqlSession = this.db): Promise<number> {
    return readHeadSeq(db);
  }

  /** Called after each committed write transaction that changed something (push notifications). */
  onCommit(listener: (head: number, kinds: ReadonlySet<EntityKind>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs fn in one write transaction with a writer bound to it: committed
   * when fn resolves, rolled back (seq, counts and history with it) when it
   * throws. Never call write() again inside fn: use `w`.
   */
  async write<T>(fn: (w: RecordWriter) => Promise<T>): Promise<T> {
    let writer: RecordWriter | null = null;
    const value = await this.db.transaction(async (tx) => {
      const w = new RecordWriter(tx);
      writer = w;
      const result = await fn(w);
      await w.finish();
      return result;
    });
    const done = writer as RecordWriter | null;
    if (done !== null && done.head !== null) for (const l of this.listeners) l(done.head, done.touched);
    return value;
  }

  /** The record, validated; undefined when absent. */
  get<K extends EntityKind>(kind: K, id: string): Promise<EntityTypes[K] | undefined> {
    return readRecord(this.db, kind, id);
  }

  /** The stored JSON as is, without validation (writeUnchecked records included). */
  async getRaw(kind: EntityKind, id: string): Promise<unknown> {
    return rawOf(await readRow(this.db, kind, id));
  }

  /** The head and the records of `kinds` (a bootstrap's progress total), consistent with each other. */
  async bootstrapStart(kinds: readonly EntityKind[] = ENTITY_KINDS): Promise<BootstrapStart> {
    const list = kinds.length === 0 ? "''" : kinds.map(() => '?').join(', ');
    const row = await this.db.get<{ head: number; total: number | null }>(
      `SELECT (${HEAD_SQL}) AS head, (SELECT sum(n) FROM record_count WHERE kind IN (${list})) AS total`,
      kinds,
    );
    if (row === undefined) throw new Error('The backend database has no sequencer row (migration 006).');
    return { head: row.head, total: row.total ?? 0 };
  }
}

/** What a savepoint restores of the writer besides the rows. */
interface WriterMark {
  start: number | null;
  seq: number | null;
  touched: Set<EntityKind>;
  added: Map<EntityKind, number>;
  digest: CommitDigest;
}

const rowKey = (kind: EntityKind, id: string): string => `${kind}\0${id}`;

/** Writes of one transaction (RecordStore.write). */
export class RecordWriter {
  /** The sequencer's seq when this transaction first needed one; null until then. */
  private start: number | null = null;
  /** The last seq handed out. */
  private seq: number | null = null;
  /** Kinds written: the push hub tells only the scopes that hold them. */
  touched = new Set<EntityKind>();
  /** Records added (or removed, negative) per kind, for record_count. */
  private added = new Map<EntityKind, number>();
  /** What this transaction changed, for its history commit. */
  private digest: CommitDigest = History.startCommit();
  /** The new head once committed; null when nothing changed. */
  head: number | null = null;
  /**
   * Record rows this transaction has read or written, by kind and id, so a rule's read and the write's own
   * (the row's rid and urgent flag) cost one round trip, not two. Safe because the rows cannot change under it:
   * every other writer waits for this transaction (the sequencer lock, SQLite's one writer), and within it record
   * rows change only through this writer, which keeps the entries true (a savepoint's rollback clears them all).
   */
  private rows = new Map<string, StoredRow>();

  constructor(
    /** The transaction: for the rules' own queries. */
    readonly tx: SqlSession,
  ) {}

  private async nextSeq(): Promise<number> {
    if (this.seq === null) {
      // PostgreSQL's transaction read the head when it locked the sequencer row; nothing in this
      // transaction moves it before finish(), so that value is still the head.
      this.start = this.tx.lockedHead ?? (await readHeadSeq(this.tx));
      this.seq = this.start;
    }
    this.seq += 1;
    return this.seq;
  }

  /** Closes the transaction's writes: the sequencer, the counts, the history commit. Called by RecordStore.write. */
  async finish(): Promise<void> {
    if (this.seq === null || this.seq === this.start) return;
    await this.tx.run('UPDATE feed_head SET seq = ? WHERE id = 1', [this.seq]);
    for (const [kind, n] of this.added) {
      if (n !== 0) await this.tx.run('UPDATE record_count SET n = n + ? WHERE kind = ?', [n, kind]);
    }
    await History.append(this.tx, this.seq, this.digest);
    this.head = this.seq;
  }

  /**
   * Runs fn so that, when it throws, its writes are undone and the
   * transaction goes on (a mutation's refusal is stored while the rule's
   * partial writes are not).
   */
  async savepoint<T>(fn: () => Promise<T>): Promise<T> {
    const mark: WriterMark = {
      start: this.start,
      seq: this.seq,
      touched: new Set(this.touched),
      added: new Map(this.added),
      digest: this.digest.copy(),
    };
    await this.tx.run('SAVEPOINT rule');
    try {
      const value = await fn();
      await this.tx.run('RELEASE SAVEPOINT rule');
      return value;
    } catch (err) {
      await this.tx.run('ROLLBACK TO SAVEPOINT rule');
      await this.tx.run('RELEASE SAVEPOINT rule');
      this.start = mark.start;
      this.seq = mark.seq;
      this.touched = mark.touched;
      this.added = mark.added;
      this.digest = mark.digest;
      this.rows.clear();
      throw err;
    }
  }

  /** The anchor of the commit holding `seq`, as this transaction sees the history. */
  anchorAt(seq: number): Promise<string | null> {
    return History.anchorAt(this.tx, seq);
  }

  /** The record, validated; undefined when absent. */
  async get<K extends EntityKind>(kind: K, id: string): Promise<EntityTypes[K] | undefined> {
    return parseRecord(kind, id, await this.row(kind, id));
  }

  /** The stored JSON as is, without validation. */
  async getRaw(kind: EntityKind, id: string): Promise<unknown> {
    return rawOf(await this.row(kind, id));
  }

  /** The stored row, read once per transaction (see `rows`). */
  private async row(kind: EntityKind, id: string): Promise<StoredRow | undefined> {
    const key = rowKey(kind, id);
    const known = this.rows.get(key);
    if (known !== undefined) return known;
    const row = await readRow(this.tx, kind, id);
    if (row !== undefined) this.rows.set(key, row);
    return row;
  }

  /** A fresh wire id for a record the server creates: one past the highest row id. */
  async newId(kind: EntityKind): Promise<string> {
    return String(await this.nextRid(kind));
  }

  private async nextRid(kind: EntityKind): Promise<number> {
    const row = await this.tx.get<{ m: number | null }>(SQL[kind].maxRid);
    return (row?.m ?? 0) + 1;
  }

  private count(kind: EntityKind, delta: number): void {
    this.added.set(kind, (this.added.get(kind) ?? 0) + delta);
  }

  /** Validates and stores a record; returns its upsert change as wire JSON. */
  put<K extends EntityKind>(kind: K, record: EntityTypes[K]): Promise<string> {
    const checked = ENTITY_SCHEMAS[kind].parse(record) as EntityTypes[K];
    return this.putUnchecked(kind, checked.id, checked, checked.version);
  }

  /** Stores data as given, even when it breaks the schema (tests of client-side validation). */
  async putUnchecked(kind: EntityKind, id: string, data: unknown, version: number): Promise<string> {
    const json = storedJson(data);
    const seq = await this.nextSeq();
    this.digest.update(`u\0${kind}\0${id}\0${seq}\0${version}\0${json}\n`);
    const ticketUrgent =
      kind === 'message' ? (await this.row('ticket', stringField(data, 'ticketId')))?.urgent === 1 : false;
    const urgent = isUrgent(kind, data, () => ticketUrgent) ? 1 : 0;
    const before = await this.row(kind, id);
    let rid: number;
    if (before) rid = before.rid;
    else {
      this.count(kind, 1);
      // "42" normally becomes row id 42; when another id took it, the next free one.
      const wanted = numericRid(id);
      const free = wanted !== null && (await this.tx.get(SQL[kind].ridTaken, [wanted])) === undefined;
      rid = free ? wanted : await this.nextRid(kind);
    }
    this.touched.add(kind);
    const extra: SqlValue[] = (EXTRA_COLUMNS[kind] ?? []).map(([, field]) => stringField(data, field));
    await this.tx.run(SQL[kind].upsert, [rid, id, seq, version, urgent, json, ...extra]);
    this.rows.set(rowKey(kind, id), { rid, urgent, data: json });
    await this.tx.run('DELETE FROM tombstone WHERE kind = ? AND id = ?', [kind, id]);
    if (kind === 'account') await writeAccountKeys(this.tx, id, data);
    // A message's phase follows its ticket; re-seq them so a running bootstrap
    // skips them in the snapshot and delivers them in live (never lost between phases).
    if (kind === 'ticket' && before && before.urgent !== urgent) {
      const messages = await this.tx.all<{ rid: number }>(
        'SELECT rid FROM rec_message WHERE ticket_id = ? ORDER BY rid',
        [id],
      );
      // Their urgent flag changes: forget the messages read so far rather than patch them.
      for (const key of this.rows.keys()) if (key.startsWith(rowKey('message', ''))) this.rows.delete(key);
      for (const m of messages) {
        const mseq = await this.nextSeq();
        await this.tx.run('UPDATE rec_message SET urgent = ?, seq = ? WHERE rid = ?', [urgent, mseq, m.rid]);
        this.digest.update(`m\0${m.rid}\0${mseq}\n`);
      }
      this.touched.add('message');
    }
    return upsertJson(kind, id, version, json);
  }

  /** Deletes a record (and a ticket's messages and callbacks); returns the delete changes. */
  async remove(kind: EntityKind, id: string): Promise<string[]> {
    const out: string[] = [];
    if (kind === 'ticket') {
      for (const child of ['message', 'callback'] as const) {
        const rows = await this.tx.all<{ id: string }>(`SELECT id FROM ${tableOf(child)} WHERE ticket_id = ?`, [id]);
        for (const row of rows) out.push(...(await this.remove(child, row.id)));
      }
    }
    this.rows.delete(rowKey(kind, id));
    if ((await this.tx.run(SQL[kind].remove, [id])).changes === 0) return out;
    this.count(kind, -1);
    this.touched.add(kind);
    const seq = await this.nextSeq();
    await this.tx.run(
      'INSERT INTO tombstone (kind, id, seq) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq',
      [kind, id, seq],
    );
    this.digest.update(`d\0${kind}\0${id}\0${seq}\n`);
    if (kind === 'account') await this.tx.run('DELETE FROM account_key WHERE account_id = ?', [id]);
    out.push(deleteJson(kind, id));
    return out;
  }
}
