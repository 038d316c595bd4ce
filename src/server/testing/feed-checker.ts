/**
 * The concurrent-writers feed checker's readers. Each reader pages the
 * change feed as a console would (a random backend process per page), keeps
 * a copy (kind:id → version) and counts any record that arrives older than
 * the version it already holds. Readers start from nothing (a bootstrap,
 * possibly while writers run) or from another reader's copy at one of its
 * live cursors (a console that resumes). At the end every copy is compared
 * with the database: none missed, none extra, every record at its version.
 */
import type { SqlSession } from '../db/sql.js';
import { tableOf } from '../db/schema.js';
import type { EntityKind } from '../../shared/entities.js';

interface PageBody {
  changes: { op: 'upsert' | 'delete'; kind: string; id: string; version?: number }[];
  cursor: string;
  phase: string;
  hasMore: boolean;
}

/** Where a reader was: its cursor and a copy of what it held there. */
export interface Checkpoint {
  cursor: string;
  copy: Map<string, number>;
}

export class FeedReader {
  readonly records: Map<string, number>;
  cursor: string | null;
  pages = 0;
  /** Upserts older than the version the reader already held. */
  backwards = 0;

  constructor(
    private readonly urls: readonly string[],
    private readonly token: string,
    private readonly random: () => number,
    from?: Checkpoint,
  ) {
    this.records = new Map(from?.copy ?? []);
    this.cursor = from?.cursor ?? null;
  }

  /** One page from a random process; returns whether more is waiting. */
  async page(): Promise<{ hasMore: boolean; live: boolean }> {
    const url = this.urls[Math.floor(this.random() * this.urls.length)] as string;
    const query = this.cursor === null ? '' : `&cursor=${encodeURIComponent(this.cursor)}`;
    const res = await fetch(`${url}/v1/changes?limit=200${query}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (res.status !== 200) throw new Error(`feed answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as PageBody;
    for (const change of body.changes) {
      const key = `${change.kind}:${change.id}`;
      if (change.op === 'delete') {
        this.records.delete(key);
        continue;
      }
      const held = this.records.get(key);
      const version = change.version ?? 0;
      if (held !== undefined && version < held) this.backwards++;
      else this.records.set(key, version);
    }
    this.cursor = body.cursor;
    this.pages++;
    return { hasMore: body.hasMore, live: body.phase === 'live' };
  }

  checkpoint(): Checkpoint | null {
    return this.cursor === null ? null : { cursor: this.cursor, copy: new Map(this.records) };
  }
}

export interface Divergence {
  /** In the database, absent from the copy. */
  missed: number;
  /** In the copy, absent from the database (a delete missed). */
  extra: number;
  /** In both, at another version. */
  stale: number;
}

/** Every record of these kinds in the database, as kind:id → version. */
export async function databaseCopy(db: SqlSession, kinds: readonly EntityKind[]): Promise<Map<string, number>> {
  const copy = new Map<string, number>();
  for (const kind of kinds) {
    for (const row of await db.all<{ id: string; version: number }>(`SELECT id, version FROM ${tableOf(kind)}`)) {
      copy.set(`${kind}:${row.id}`, row.version);
    }
  }
  return copy;
}

export function compareCopies(database: ReadonlyMap<string, number>, copy: ReadonlyMap<string, number>): Divergence {
  const d: Divergence = { missed: 0, extra: 0, stale: 0 };
  for (const [key, version] of database) {
    const held = copy.get(key);
    if (held === undefined) d.missed++;
    else if (held !== version) d.stale++;
  }
  for (const key of copy.keys()) if (!database.has(key)) d.extra++;
  return d;
}
