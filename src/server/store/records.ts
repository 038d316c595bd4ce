/**
 * The only door to record rows: reads, validated writes, deletes with
 * tombstones, and the global seq counter every write bumps.
 *
 * One process owns the database and better-sqlite3 is synchronous, so the
 * seq counter lives in memory (loaded from max(seq) at start) and a write
 * transaction can never interleave with a feed read.
 *
 * Each outermost write that changed something is also a commit of the
 * history chain (history.ts), added in the same transaction.
 */
import type { Database, Statement } from 'better-sqlite3';
import { ENTITY_KINDS, ENTITY_SCHEMAS } from '../../shared/entities.js';
import type { EntityKind, EntityTypes } from '../../shared/entities.js';
import { tableOf } from '../db/schema.js';
import { prepareAccountKeys, writeAccountKeys } from './account-keys.js';
import { History } from './history.js';
import type { CommitDigest } from './history.js';
import type { AccountKeyStatements } from './account-keys.js';
import { isUrgent, stringField } from './urgency.js';
import { deleteJson, numericRid, storedJson, upsertJson } from './wire.js';

/** A stored record that no longer matches its schema (only admin.writeUnchecked makes those). */
export class InvalidStoredRecordError extends Error {
  constructor(kind: EntityKind, id: string) {
    super(`Stored ${kind} ${id} does not match the schema`);
    this.name = 'InvalidStoredRecordError';
  }
}

interface KindStatements {
  get: Statement<[string], { rid: number; version: number; urgent: number; data: string }>;
  ridTaken: Statement<[number], { rid: number }>;
  maxRid: Statement<[], { m: number | null }>;
  upsert: Statement<Record<string, unknown>>;
  remove: Statement<[string]>;
  count: Statement<[], { n: number }>;
}

function upsertSql(kind: EntityKind): string {
  const t = tableOf(kind);
  const extraCols =
    kind === 'message'
      ? ', ticket_id'
      : kind === 'callback'
        ? ', ticket_id, expert_id, starts_at, ends_at, status'
        : '';
  const extraVals =
    kind === 'message'
      ? ', @ticketId'
      : kind === 'callback'
        ? ', @ticketId, @expertId, @startsAt, @endsAt, @status'
        : '';
  const extraSet =
    kind === 'message'
      ? ', ticket_id = excluded.ticket_id'
      : kind === 'callback'
        ? ', ticket_id = excluded.ticket_id, expert_id = excluded.expert_id, starts_at = excluded.starts_at, ends_at = excluded.ends_at, status = excluded.status'
        : '';
  return `INSERT INTO ${t} (rid, id, seq, version, urgent, data${extraCols})
    VALUES (@rid, @id, @seq, @version, @urgent, @data${extraVals})
    ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, version = excluded.version, urgent = excluded.urgent,
      data = excluded.data${extraSet}`;
}

/** Highest seq in the file: every record table and the tombstones. */
export function readHeadSeq(db: Database): number {
  const parts = [
    ...ENTITY_KINDS.map((k) => `SELECT max(seq) AS m FROM ${tableOf(k)}`),
    'SELECT max(seq) AS m FROM tombstone',
  ];
  const row = db.prepare<[], { m: number | null }>(`SELECT max(m) AS m FROM (${parts.join(' UNION ALL ')})`).get();
  return row?.m ?? 0;
}

export class RecordStore {
  private head: number;
  private depth = 0;
  /** Count of records per kind, kept up to date once known (a bootstrap's progress total). */
  private readonly totals = new Map<EntityKind, number>();
  /** Kinds written by the transaction in progress: the push hub tells only the scopes that hold them. */
  private touched = new Set<EntityKind>();
  private readonly listeners = new Set<(head: number, kinds: ReadonlySet<EntityKind>) => void>();
  private readonly kinds: Record<EntityKind, KindStatements>;
  private readonly accountKeys: AccountKeyStatements;
  private readonly messagesOfTicket: Statement<[string], { rid: number }>;
  private readonly reseqMessage: Statement<[number, number, number]>;
  private readonly putTombstone: Statement<[string, string, number]>;
  private readonly dropTombstone: Statement<[string, string]>;
  private readonly runInTx: (fn: () => unknown) => unknown;
  private readonly history: History;
  /** What the outermost write in progress changed, for its history commit. */
  private digest: CommitDigest | null = null;

  constructor(readonly db: Database) {
    this.history = new History(db);
    // Never below the chain's last commit: a seq is never handed out twice, even if its rows were removed by hand.
    this.head = Math.max(readHeadSeq(db), this.history.headSeq);
    const stmts = {} as Record<EntityKind, KindStatements>;
    for (const kind of ENTITY_KINDS) {
      const t = tableOf(kind);
      stmts[kind] = {
        get: db.prepare(`SELECT rid, version, urgent, data FROM ${t} WHERE id = ?`),
        ridTaken: db.prepare(`SELECT rid FROM ${t} WHERE rid = ?`),
        maxRid: db.prepare(`SELECT max(rid) AS m FROM ${t}`),
        upsert: db.prepare(upsertSql(kind)),
        remove: db.prepare(`DELETE FROM ${t} WHERE id = ?`),
        count: db.prepare(`SELECT count(*) AS n FROM ${t}`),
      };
    }
    this.kinds = stmts;
    this.accountKeys = prepareAccountKeys(db);
    this.messagesOfTicket = db.prepare('SELECT rid FROM rec_message WHERE ticket_id = ? ORDER BY rid');
    this.reseqMessage = db.prepare('UPDATE rec_message SET urgent = ?, seq = ? WHERE rid = ?');
    this.putTombstone = db.prepare(
      'INSERT INTO tombstone (kind, id, seq) VALUES (?, ?, ?) ON CONFLICT(kind, id) DO UPDATE SET seq = excluded.seq',
    );
    this.dropTombstone = db.prepare('DELETE FROM tombstone WHERE kind = ? AND id = ?');
    this.runInTx = db.transaction((fn: () => unknown) => fn());
    // Rows written outside this store (the seed's bulk load, a database from before migration 005)
    // become one commit, so every seq has an anchor.
    if (this.head > this.history.headSeq) {
      db.transaction(() => {
        this.history.append(this.head, null);
      }).immediate();
    }
  }

  /** The history anchor of the commit holding `seq`; null when this database never reached it. */
  anchorAt(seq: number): string | null {
    return this.history.anchorAt(seq);
  }

  /** The seq of the newest change. */
  get headSeq(): number {
    return this.head;
  }

  /** Called after each committed write transaction that changed something (push notifications). */
  onCommit(listener: (head: number, kinds: ReadonlySet<EntityKind>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs fn in a transaction (a savepoint when nested). The in-memory seq
   * counter is rolled back with it, so a failed write leaves no gap the feed
   * could misread.
   */
  write<T>(fn: () => T): T {
    const start = this.head;
    const outermost = this.depth === 0;
    if (outermost) {
      this.touched = new Set();
      this.digest = History.startCommit();
    }
    this.depth++;
    let result: T;
    try {
      result = this.runInTx(() => {
        const value = fn();
        if (outermost && this.head !== start) this.history.append(this.head, this.digest);
        return value;
      }) as T;
    } catch (err) {
      this.head = start;
      this.totals.clear(); // recounted on next use; cheaper than tracking savepoints
      if (outermost) this.history.reload();
      throw err;
    } finally {
      this.depth--;
      if (outermost) this.digest = null;
    }
    if (this.depth === 0 && this.head !== start) for (const l of this.listeners) l(this.head, this.touched);
    return result;
  }

  private nextSeq(): number {
    if (this.depth === 0) throw new Error('RecordStore: writes must run inside write()');
    return ++this.head;
  }

  /** The record, validated; undefined when absent. */
  get<K extends EntityKind>(kind: K, id: string): EntityTypes[K] | undefined {
    const row = this.kinds[kind].get.get(id);
    if (!row) return undefined;
    const parsed = ENTITY_SCHEMAS[kind].safeParse(JSON.parse(row.data));
    if (!parsed.success) throw new InvalidStoredRecordError(kind, id);
    return parsed.data as EntityTypes[K];
  }

  /** The stored JSON as is, without validation (writeUnchecked records included). */
  getRaw(kind: EntityKind, id: string): unknown {
    const row = this.kinds[kind].get.get(id);
    return row ? (JSON.parse(row.data) as unknown) : undefined;
  }

  count(kind: EntityKind): number {
    return this.kinds[kind].count.get()?.n ?? 0;
  }

  /** All records of these kinds. Counted once per kind (O(n)), then maintained by put/remove. */
  totalRecords(kinds: readonly EntityKind[] = ENTITY_KINDS): number {
    let sum = 0;
    for (const kind of kinds) {
      let n = this.totals.get(kind);
      if (n === undefined) {
        n = this.count(kind);
        this.totals.set(kind, n);
      }
      sum += n;
    }
    return sum;
  }

  private recount(kind: EntityKind, delta: number): void {
    const n = this.totals.get(kind);
    if (n !== undefined) this.totals.set(kind, n + delta);
  }

  /** A fresh wire id for a record the server creates: one past the highest row id. */
  newId(kind: EntityKind): string {
    return String((this.kinds[kind].maxRid.get()?.m ?? 0) + 1);
  }

  /** Validates and stores a record; returns its upsert change as wire JSON. */
  put<K extends EntityKind>(kind: K, record: EntityTypes[K]): string {
    const checked = ENTITY_SCHEMAS[kind].parse(record) as EntityTypes[K];
    return this.putUnchecked(kind, checked.id, checked, checked.version);
  }

  /** Stores data as given, even when it breaks the schema (tests of client-side validation). */
  putUnchecked(kind: EntityKind, id: string, data: unknown, version: number): string {
    const s = this.kinds[kind];
    const json = storedJson(data);
    const seq = this.nextSeq();
    this.digest?.update(`u\0${kind}\0${id}\0${seq}\0${version}\0${json}\n`);
    const urgent = isUrgent(kind, data, () => this.kinds.ticket.get.get(stringField(data, 'ticketId'))?.urgent === 1);
    const before = s.get.get(id);
    let rid = before ? before.rid : numericRid(id);
    if (!before) this.recount(kind, 1);
    this.touched.add(kind);
    if (!before && rid !== null && s.ridTaken.get(rid)) rid = null;
    s.upsert.run({
      rid,
      id,
      seq,
      version,
      urgent: urgent ? 1 : 0,
      data: json,
      ticketId: stringField(data, 'ticketId'),
      expertId: stringField(data, 'expertId'),
      startsAt: stringField(data, 'startsAt'),
      endsAt: stringField(data, 'endsAt'),
      status: stringField(data, 'status'),
    });
    this.dropTombstone.run(kind, id);
    if (kind === 'account') writeAccountKeys(this.accountKeys, id, data);
    // A message's phase follows its ticket; re-seq them so a running bootstrap
    // skips them in the snapshot and delivers them in live (never lost between phases).
    if (kind === 'ticket' && before && before.urgent !== (urgent ? 1 : 0)) {
      for (const m of this.messagesOfTicket.all(id)) {
        const mseq = this.nextSeq();
        this.reseqMessage.run(urgent ? 1 : 0, mseq, m.rid);
        this.digest?.update(`m\0${m.rid}\0${mseq}\n`);
      }
      this.touched.add('message');
    }
    return upsertJson(kind, id, version, json);
  }

  /** Deletes a record (and a ticket's messages and callbacks); returns the delete changes. */
  remove(kind: EntityKind, id: string): string[] {
    const out: string[] = [];
    if (kind === 'ticket') {
      for (const child of ['message', 'callback'] as const) {
        const ids = this.db
          .prepare<[string], { id: string }>(`SELECT id FROM ${tableOf(child)} WHERE ticket_id = ?`)
          .all(id);
        for (const row of ids) out.push(...this.remove(child, row.id));
      }
    }
    if (this.kinds[kind].remove.run(id).changes === 0) return out;
    this.recount(kind, -1);
    this.touched.add(kind);
    const seq = this.nextSeq();
    this.putTombstone.run(kind, id, seq);
    this.digest?.update(`d\0${kind}\0${id}\0${seq}\n`);
    if (kind === 'account') this.accountKeys.clear.run(id);
    out.push(deleteJson(kind, id));
    return out;
  }
}
