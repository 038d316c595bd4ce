/**
 * The tickets of a view as a bit set, for search ∩ filters.
 *
 * A search with filters used to join every FTS hit to `tickets` to test its
 * status, category or assignee: a B-tree seek per hit, 4–7 µs each, so a
 * word in 40,000 tickets cost 200–500 ms per keystroke at 1M tickets under
 * open-work filters (their matches are sparse: the count walks every hit).
 * Walking the hits alone costs a tenth of that. So the view's rids are read
 * once from its queue index into a bit set, and the search tests each hit
 * with `sc_in_view(rowid)`, a function of this connection that reads the
 * bit: same rows, same order, same totals, no join.
 *
 * A set is valid while the file does not change: `PRAGMA data_version`
 * moves when another connection (the sync worker) commits, `total_changes()`
 * when this one writes (the outbox's local effects). A few sets are kept, so
 * typing in a search, or moving between the views one searches in, reuses
 * them; any change rebuilds them on their next use.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BuiltQuery } from './queue-queries.js';

/** Sets kept per connection: at 1M tickets each is 125 KB. */
const KEPT = 8;

interface ConnectionSets {
  /** The set `sc_in_view` reads: the one of the query being run. */
  current: Uint32Array;
  /** By the view's rid query (SQL and parameters), in use order (the oldest first). */
  sets: Map<string, Uint32Array>;
  /** data_version and total_changes() when the sets were read. */
  stamp: string;
  readChanges: () => number;
}

const byConnection = new WeakMap<Database, ConnectionSets>();

/** Registers `sc_in_view` on the connection (once: readers created on the same connection share it). */
export function registerViewSets(db: Database): void {
  setsOf(db);
}

function setsOf(db: Database): ConnectionSets {
  let state = byConnection.get(db);
  if (state === undefined) {
    const changes = db.prepare('SELECT total_changes()').pluck();
    const created: ConnectionSets = {
      current: new Uint32Array(0),
      sets: new Map(),
      stamp: '',
      readChanges: () => changes.get() as number,
    };
    db.function('sc_in_view', { deterministic: false, directOnly: true }, (rid: unknown) => {
      if (typeof rid !== 'number' && typeof rid !== 'bigint') return 0;
      const n = Number(rid);
      return ((created.current[n >>> 5] ?? 0) >>> (n & 31)) & 1;
    });
    byConnection.set(db, created);
    state = created;
  }
  return state;
}

function stampOf(db: Database, state: ConnectionSets): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  return `${String(version)}:${String(state.readChanges())}`;
}

/**
 * Makes the rids that `viewRids` selects the set `sc_in_view` reads, from the kept ones when the file has not
 * changed since they were read. Call it right before running the query that uses `sc_in_view`.
 */
export function useViewSet(db: Database, viewRids: BuiltQuery): void {
  const state = setsOf(db);
  const stamp = stampOf(db, state);
  if (stamp !== state.stamp) {
    state.sets.clear();
    state.stamp = stamp;
  }
  const key = `${viewRids.sql}\u0000${JSON.stringify(viewRids.params)}`;
  let set = state.sets.get(key);
  if (set === undefined) {
    const rids = db
      .prepare(viewRids.sql)
      .pluck()
      .all(...viewRids.params) as number[];
    let max = 0;
    for (const rid of rids) if (rid > max) max = rid;
    set = new Uint32Array((max >>> 5) + 1);
    for (const rid of rids) set[rid >>> 5] = (set[rid >>> 5] ?? 0) | (1 << (rid & 31));
    if (state.sets.size >= KEPT) {
      const oldest = state.sets.keys().next().value;
      if (oldest !== undefined) state.sets.delete(oldest);
    }
  } else {
    state.sets.delete(key);
  }
  state.sets.set(key, set);
  state.current = set;
}
