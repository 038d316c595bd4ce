/** Full-text search over ticket subject and body (FTS5, external content, background-indexed). */
import type { Database } from 'better-sqlite3';
import type { TicketStatus } from '../../shared/entities.js';
import { searchWords } from '../../shared/search-words.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from './types.js';
import type { FtsProgress, SearchHit, SearchResult } from './types.js';

export function readFtsProgress(db: Database): FtsProgress {
  const row = db
    .prepare(
      "SELECT (SELECT value FROM meta WHERE key = 'fts_indexed_upto') AS upto, (SELECT coalesce(max(rid), 0) FROM tickets) AS maxRid",
    )
    .get() as { upto: number; maxRid: number };
  return { indexedUpTo: row.upto, maxRid: row.maxRid, ready: row.upto >= row.maxRid };
}

/**
 * Turns what a person typed into an FTS5 query that cannot be a syntax error:
 * every word becomes a quoted phrase (so AND, NEAR, quotes, colons and
 * parentheses are just text), the last one a prefix so results follow typing.
 */
export function toFtsQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

interface HitRow {
  id: string;
  rid: number;
  status: TicketStatus;
  subject: string;
  snippet: string;
  updatedAt: string;
}

export function searchTickets(db: Database, text: string, limit: number): SearchResult {
  const ready = readFtsProgress(db).ready;
  const query = toFtsQuery(text);
  if (query === null) return { hits: [], ready };
  // Newest rows first instead of bm25: ranking a common word over 1M rows takes
  // seconds (3.4 s measured for a word in every row), while rowid order stops after `limit` matches.
  const rows = db
    .prepare(
      `SELECT t.id AS id, t.rid AS rid, t.status AS status, t.updated_at AS updatedAt,
              highlight(tickets_fts, 0, ?, ?) AS subject,
              snippet(tickets_fts, 1, ?, ?, '…', 16) AS snippet
         FROM tickets_fts JOIN tickets t ON t.rid = tickets_fts.rowid
        WHERE tickets_fts MATCH ?
        ORDER BY tickets_fts.rowid DESC
        LIMIT ?`,
    )
    .all(
      HIGHLIGHT_START,
      HIGHLIGHT_END,
      HIGHLIGHT_START,
      HIGHLIGHT_END,
      query,
      Math.max(1, Math.min(limit, 500)),
    ) as HitRow[];
  const hits: SearchHit[] = rows.map((r) => ({ ...r }));
  return { hits, ready };
}
