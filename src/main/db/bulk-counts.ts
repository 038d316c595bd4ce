/**
 * Counts kept in JavaScript while a bulk load runs without the per-row insert
 * triggers (bulk-indexes.ts). Recounting 1M tickets with GROUP BY after the
 * load took ~3.5 s (the facet table's six columns have no index to walk);
 * adding one to a Map per inserted ticket costs next to nothing, and the
 * sums are written to ticket_counts and ticket_facets in the same
 * transaction as the rows they count, so a crash loses both or neither.
 *
 * Only inserts are counted here: the update and delete triggers stay in
 * place during a bulk load and keep their own arithmetic. Their decrement of
 * a key must find its row, so pending sums are written before any update.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { SqlValue } from './schema-map.js';

export interface BulkCounts {
  /** One inserted ticket, as its main-table params (positions from `columns`). */
  add(params: readonly SqlValue[]): void;
  /** Writes the pending sums (inside the caller's transaction). */
  flush(): void;
}

export function createBulkCounts(db: Database, columns: readonly string[]): BulkCounts {
  const at = (name: string): number => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`tickets: no ${name} column`);
    return i;
  };
  const category = at('category_id');
  const status = at('status');
  const assignee = at('assignee_id');
  const level = at('level');
  const phone = at('callback_phone');
  const channel = at('channel');

  // Same keys as the triggers of migrations 001 and 003 write.
  const counts = new Map<string, { key: SqlValue[]; n: number }>();
  const facets = new Map<string, { key: SqlValue[]; n: number }>();
  const addCount = db.prepare(
    'INSERT INTO ticket_counts (category_id, status, n) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
  );
  const addFacet = db.prepare(
    'INSERT INTO ticket_facets (category_id, status, assignee_id, level, callback, chat, n) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT DO UPDATE SET n = n + excluded.n',
  );

  const bump = (map: Map<string, { key: SqlValue[]; n: number }>, key: SqlValue[]): void => {
    const id = key.join('\u0000');
    const entry = map.get(id);
    if (entry === undefined) map.set(id, { key, n: 1 });
    else entry.n += 1;
  };

  return {
    add(p) {
      const c = p[category] ?? null;
      const s = p[status] ?? null;
      bump(counts, [c, s]);
      bump(facets, [
        c,
        s,
        p[assignee] ?? '',
        p[level] ?? null,
        p[phone] == null ? 0 : 1,
        p[channel] === 'chat' ? 1 : 0,
      ]);
    },
    flush() {
      for (const { key, n } of counts.values()) addCount.run(...key, n);
      for (const { key, n } of facets.values()) addFacet.run(...key, n);
      counts.clear();
      facets.clear();
    },
  };
}
