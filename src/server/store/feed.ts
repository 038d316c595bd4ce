/**
 * The change feed (docs/ARCHITECTURE.md, "The change feed").
 * A bootstrap scans a snapshot (seq <= h) in two passes, urgent then
 * history, each kind in row-id order; then live serves every record and
 * tombstone with seq > s in seq order. A record written during the
 * bootstrap has seq > h: the snapshot skips it and live delivers it, so
 * nothing is missed and nothing is sent twice by the snapshot.
 *
 * Every page holds only the kinds of the caller's scope (store/scope.ts);
 * tombstones too, so a delete does not say what existed elsewhere.
 *
 * Pages are assembled from the stored JSON by concatenation (no parse).
 * Each cursor carries the history anchor of its seq (history.ts): one
 * indexed lookup per page.
 */
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';
import type { SyncPhase } from '../../shared/sync-protocol.js';
import { tableOf } from '../db/schema.js';
import type { SqlSession } from '../db/sql.js';
import { encodeCursor, liveCursor } from './cursor.js';
import type { Cursor, SnapshotCursor } from './cursor.js';
import { inScope } from './scope.js';
import type { FeedScope } from './scope.js';
import { deleteJson } from './wire.js';

// data is read as bytes (dialect.bytes): the database hands over its UTF-8 as it is, which is
// about three times faster than decoding each record into a JS string and back.
type ScanRow = [rid: number, id: string, version: number, data: Buffer];
type LiveRow = [seq: number, kind: string, id: string, version: number | null, data: Buffer | null];

/** Collects a JSON array of changes as UTF-8 chunks. */
class ChangeList {
  private readonly chunks: Buffer[] = [];
  count = 0;

  upsert(kind: string, id: string, version: number, data: Buffer): void {
    const head = `${this.count++ === 0 ? '' : ','}{"op":"upsert","kind":"${kind}","id":${JSON.stringify(id)},"version":${version},"data":`;
    this.chunks.push(Buffer.from(head), data, CLOSE);
  }

  remove(kind: string, id: string): void {
    this.chunks.push(Buffer.from((this.count++ === 0 ? '' : ',') + deleteJson(kind, id)));
  }

  page(rest: string): Buffer {
    return Buffer.concat([OPEN, ...this.chunks, Buffer.from(`],${rest}}`)]);
  }
}

const OPEN = Buffer.from('{"changes":[');
const CLOSE = Buffer.from('}');

export interface FeedPage {
  /** The page as UTF-8 JSON, ready to send. */
  body: Buffer;
  count: number;
  phase: SyncPhase;
  hasMore: boolean;
}

export class Feed {
  /** The snapshot scan of each kind. */
  private readonly scan: Record<EntityKind, string>;
  /** One live query per scope met so far (at most one per role combination). */
  private readonly live = new Map<number, string>();

  /** `anchorAt`: RecordStore.anchorAt, the history anchor of the commit holding a seq. */
  constructor(
    private readonly db: SqlSession,
    private readonly anchorAt: (seq: number) => Promise<string | null>,
  ) {
    const data = db.dialect.bytes('data');
    const scan = {} as Record<EntityKind, string>;
    for (const kind of ENTITY_KINDS) {
      scan[kind] =
        `SELECT rid, id, version, ${data} FROM ${tableOf(kind)} WHERE urgent = ? AND rid > ? AND seq <= ? ORDER BY rid LIMIT ?`;
    }
    this.scan = scan;
  }

  private liveQuery(scope: FeedScope): string {
    let query = this.live.get(scope.mask);
    if (query !== undefined) return query;
    // A compound SELECT ordered by seq: SQLite merges the per-table seq indexes
    // (MERGE (UNION ALL)) and stops at LIMIT, so a page costs O(limit).
    const data = this.db.dialect.bytes('data');
    const parts = scope.kinds.map(
      (k) => `SELECT seq, '${k}' AS kind, id, version, ${data} FROM ${tableOf(k)} WHERE seq > ?`,
    );
    const kindList = scope.kinds.map((k) => `'${k}'`).join(',');
    parts.push(`SELECT seq, kind, id, NULL, NULL FROM tombstone WHERE seq > ? AND kind IN (${kindList})`);
    query = `${parts.join(' UNION ALL ')} ORDER BY seq LIMIT ?`;
    this.live.set(scope.mask, query);
    return query;
  }

  /** A cursor that starts a bootstrap at the current head; `total` = the scope's records at the head (progress). */
  async startCursor(head: number, total: number, scope: FeedScope): Promise<SnapshotCursor> {
    const x = await this.anchorAt(head);
    if (x === null) throw new Error(`No commit of this history holds the head seq ${head}`);
    return { p: 'u', h: head, k: 0, a: 0, d: 0, t: total, m: scope.mask, x };
  }

  /** A page of `scope`; the caller has checked that the cursor was minted for it. */
  page(cursor: Cursor, limit: number, scope: FeedScope): Promise<FeedPage> {
    return cursor.p === 'l' ? this.livePage(cursor.s, limit, scope) : this.snapshotPage(cursor, limit, scope);
  }

  private async livePage(after: number, limit: number, scope: FeedScope): Promise<FeedPage> {
    const params = [...scope.kinds.map(() => after), after, limit];
    const rows = scope.kinds.length === 0 ? [] : ((await this.db.rows(this.liveQuery(scope), params)) as LiveRow[]);
    const list = new ChangeList();
    let last = after;
    for (const [seq, kind, id, version, data] of rows) {
      if (version === null || data === null) list.remove(kind, id);
      else list.upsert(kind, id, version, data);
      last = seq;
    }
    const hasMore = rows.length === limit;
    const rest = `"cursor":"${liveCursor(last, scope.mask, await this.anchorAt(last))}","phase":"live","hasMore":${hasMore},"progress":null`;
    return { body: list.page(rest), count: rows.length, phase: 'live', hasMore };
  }

  private async snapshotPage(c: SnapshotCursor, limit: number, scope: FeedScope): Promise<FeedPage> {
    const urgent = c.p === 'u' ? 1 : 0;
    const list = new ChangeList();
    let k = c.k;
    let after = c.a;
    while (list.count < limit && k < ENTITY_KINDS.length) {
      const kind = ENTITY_KINDS[k] as EntityKind;
      if (!inScope(scope, kind)) {
        k++;
        after = 0;
        continue;
      }
      const want = limit - list.count;
      const rows = (await this.db.rows(this.scan[kind], [urgent, after, c.h, want])) as ScanRow[];
      for (const [rid, id, version, data] of rows) {
        list.upsert(kind, id, version, data);
        after = rid;
      }
      if (rows.length < want) {
        k++;
        after = 0;
      }
    }
    let done = Math.min(c.d + list.count, c.t);
    let next: Cursor;
    if (k < ENTITY_KINDS.length) next = { ...c, k, a: after, d: done };
    else if (c.p === 'u') next = { p: 'h', h: c.h, k: 0, a: 0, d: done, t: c.t, m: c.m, x: c.x };
    else {
      // Records changed during the bootstrap come through live instead; the snapshot itself is complete.
      done = c.t;
      next = { p: 'l', s: c.h, m: c.m, x: c.x };
    }
    const phase: SyncPhase = c.p === 'u' ? 'urgent' : 'history';
    const rest = `"cursor":"${encodeCursor(next)}","phase":"${phase}","hasMore":true,"progress":{"done":${done},"total":${c.t}}`;
    return { body: list.page(rest), count: list.count, phase, hasMore: true };
  }
}
