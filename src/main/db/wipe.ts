/**
 * What sign-out removes from the cache: every row (records, outbox, search
 * index, sync state). The rows are deleted through the writer's own reset,
 * then VACUUM rewrites the file so the freed pages (which still hold the old
 * text) are gone, and the WAL is truncated. The connection stays open and
 * valid, so the services keep serving (empty) views until the next sign-in
 * fills the cache again.
 */
import type { Cache } from './connection.js';

export function wipeCache(cache: Pick<Cache, 'db' | 'writer'>): void {
  const { db } = cache;
  cache.writer.resetForBootstrap('');
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'tickets_fts%' AND name <> 'meta'",
    )
    .pluck()
    .all() as string[];
  db.transaction(() => {
    for (const table of tables) db.prepare(`DELETE FROM "${table.replaceAll('"', '""')}"`).run();
  }).immediate();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
