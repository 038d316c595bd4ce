/**
 * Read side of the queue views, beside CacheReader: windows of
 * rows, totals, view counts, search with filters, likely duplicates, and the
 * small lists (categories, agents). Main thread only; never writes.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { Agent, Category, Ticket } from '../../shared/entities.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/ipc.js';
import type { QueueRowView, QueueWindow, QueueWindowQuery, ViewId } from '../../shared/ipc.js';
import {
  DUPLICATE_WINDOW_MS,
  duplicateScore,
  isChatTermination,
  LIKELY_DUPLICATE,
} from '../../shared/ticket-actions.js';
import { bulkLoadActive } from './bulk-indexes.js';
import { readFtsProgress, toFtsQuery } from './fts.js';
import type { BuiltQuery } from './queue-queries.js';
import { fromClause, rowToRecord, selectColumns, TABLES } from './schema-map.js';
import { registerViewSets, useViewSet } from './view-sets.js';
import {
  buildSearchTotal,
  buildSearchWindow,
  buildViewCounts,
  buildViewRids,
  buildViewTotal,
  buildViewWindow,
  SEARCH_CAP,
} from './views.js';
import type { ViewFilter } from './views.js';

const ROW_COLUMNS =
  'rid, id, subject, status, priority, category_id AS categoryId, assignee_id AS assigneeId, ' +
  'requester_name AS requesterName, channel, level, created_at AS createdAt, updated_at AS updatedAt, ' +
  'callback_phone IS NOT NULL AS callbackRequested';

type RowBase = Omit<QueueRowView, 'snippet' | 'pending' | 'needsAttention' | 'chatTermination' | 'callbackRequested'>;
interface DbRow extends RowBase {
  rid: number;
  callbackRequested: 0 | 1;
}

export interface ViewsReader {
  /** A window of a view; `pending`/`needsAttention` are false here (the outbox overlays them). */
  queueWindow(query: QueueWindowQuery, me: string | null): QueueWindow;
  viewCounts(me: string | null): Record<ViewId, number>;
  categories(): Category[];
  agents(): Agent[];
  /** Likely duplicates of a ticket (docs/product-rules.md#duplicates-and-merge), most alike first. */
  duplicatesOf(ticket: Ticket, limit?: number): QueueRowView[];
}

/** Statements kept per reader: the screen sends a few dozen shapes; a window's row read differs by length only. */
const KEPT_STATEMENTS = 200;

export function createViewsReader(db: Database): ViewsReader {
  registerViewSets(db);
  // Preparing a window's compound query cost a fifth of the window at 1M tickets (0.23 ms of ~1.1 ms).
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let stmt = statements.get(sql);
    if (stmt === undefined) {
      stmt = db.prepare(sql);
      if (statements.size >= KEPT_STATEMENTS) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, stmt);
    }
    return stmt;
  };
  // Only scalar queries go through here, so pluck mode never leaks into a statement read as rows.
  const scalar = (q: BuiltQuery): number =>
    Number(
      prepared(q.sql)
        .pluck()
        .get(...q.params) ?? 0,
    );

  const rowsByRid = (rids: readonly number[]): Map<number, DbRow> => {
    const out = new Map<number, DbRow>();
    // SQLite's default limit is 32766 bound parameters; a window is at most 500 rows.
    if (rids.length === 0) return out;
    const rows = prepared(`SELECT ${ROW_COLUMNS} FROM tickets WHERE rid IN (${rids.map(() => '?').join(', ')})`).all(
      ...rids,
    ) as DbRow[];
    for (const r of rows) out.set(r.rid, r);
    return out;
  };

  const toView = (r: DbRow, snippet: string | null): QueueRowView => {
    const { rid: _rid, callbackRequested, ...base } = r;
    return {
      ...base,
      snippet,
      pending: false,
      needsAttention: false,
      chatTermination: isChatTermination(base),
      callbackRequested: callbackRequested === 1,
    };
  };

  const listOf = <K extends 'category' | 'agent'>(kind: K, order: string) => {
    const spec = TABLES[kind];
    const stmt = db.prepare(`SELECT ${selectColumns(spec)} FROM ${fromClause(spec)} ORDER BY ${order}`);
    return () => (stmt.all() as Record<string, unknown>[]).map((row) => rowToRecord(kind, row));
  };
  const categories = listOf('category', 't.position, t.id');
  const agents = listOf('agent', 't.name, t.id');

  function plainWindow(query: QueueWindowQuery, f: ViewFilter): QueueWindow {
    const totalQuery = buildViewTotal(f);
    const total = totalQuery === null ? 0 : scalar(totalQuery);
    const offset = Math.min(query.offset, total);
    const limit = Math.min(query.limit, total - offset);
    if (limit <= 0) return { total, offset, rows: [], searchComplete: true };
    // Past the middle, walking from the far end skips fewer index entries.
    const reverse = offset + limit / 2 > total / 2;
    const w = reverse ? { offset: total - offset - limit, limit, reverse } : { offset, limit };
    const built = buildViewWindow(f, query.sort, w, bulkLoadActive(db));
    if (built === null) return { total, offset, rows: [], searchComplete: true };
    const rids = (prepared(built.sql).all(...built.params) as { rid: number }[]).map((r) => r.rid);
    if (reverse) rids.reverse();
    const byRid = rowsByRid(rids);
    const rows = rids.flatMap((rid) => {
      const r = byRid.get(rid);
      return r === undefined ? [] : [toView(r, null)];
    });
    return { total, offset, rows, searchComplete: true };
  }

  /**
   * The window first, then only what it leaves to count: a total after a short window is its end (offset +
   * rows), after a full one the matches older than its last row. Each hit is walked once instead of twice
   * (a count from the newest, then the window from the newest again): with sparse filters both used to walk
   * every hit of the word.
   */
  function searchWindow(query: QueueWindowQuery, f: ViewFilter, fts: string): QueueWindow {
    const searchComplete = readFtsProgress(db).ready;
    const viewRids = buildViewRids(f);
    if (viewRids !== null) useViewSet(db, viewRids);
    const built = buildSearchWindow(f, fts, { offset: query.offset, limit: query.limit }, [
      HIGHLIGHT_START,
      HIGHLIGHT_END,
    ]);
    if (built === null) return { total: 0, offset: query.offset, rows: [], searchComplete };
    // Past the cap nothing is shown (as before): the total alone says how far the list goes.
    const hits =
      query.offset < SEARCH_CAP ? (prepared(built.sql).all(...built.params) as { rid: number; snippet: string }[]) : [];
    const last = hits.at(-1);
    const end = query.offset + hits.length;
    let total: number;
    if (last === undefined) total = query.offset === 0 ? 0 : countMatches(f, fts, SEARCH_CAP);
    else if (hits.length < query.limit || end >= SEARCH_CAP) total = Math.min(end, SEARCH_CAP);
    else total = end + countMatches(f, fts, SEARCH_CAP - end, last.rid);
    const byRid = rowsByRid(hits.map((h) => h.rid));
    const rows = hits.flatMap((h) => {
      const r = byRid.get(h.rid);
      return r === undefined ? [] : [toView(r, h.snippet)];
    });
    return { total, offset: query.offset, rows, searchComplete };
  }

  function countMatches(f: ViewFilter, fts: string, cap: number, belowRid?: number): number {
    const q = buildSearchTotal(f, fts, cap, belowRid);
    return q === null ? 0 : scalar(q);
  }

  return {
    queueWindow(query, me) {
      const f: ViewFilter = { view: query.view, categoryId: query.categoryId, statuses: query.statuses, me };
      const fts = toFtsQuery(query.search);
      if (fts === null) return plainWindow(query, f);
      // One read snapshot for the view's set, the window and the count: a page the sync worker commits in
      // between cannot leave a hit tested against a set read before it.
      return db.transaction(() => searchWindow(query, f, fts))();
    },

    viewCounts(me) {
      const q = buildViewCounts(me);
      return prepared(q.sql).get(...q.params) as Record<ViewId, number>;
    },

    categories,
    agents,

    duplicatesOf(ticket, limit = 10) {
      const from = new Date(Date.parse(ticket.createdAt) - DUPLICATE_WINDOW_MS).toISOString();
      const to = new Date(Date.parse(ticket.createdAt) + DUPLICATE_WINDOW_MS).toISOString();
      // Two index range scans (account, requester) bounded by the time window; scoring is the shared rule.
      const ids = db
        .prepare(
          `SELECT id FROM tickets WHERE account_id = ? AND created_at BETWEEN ? AND ? AND category_id = ? AND id <> ? AND duplicate_of_id IS NULL
           UNION
           SELECT id FROM tickets WHERE requester_email = ? AND created_at BETWEEN ? AND ? AND category_id = ? AND id <> ? AND duplicate_of_id IS NULL
           LIMIT 200`,
        )
        .pluck()
        .all(
          ticket.accountId,
          from,
          to,
          ticket.categoryId,
          ticket.id,
          ticket.requesterEmail,
          from,
          to,
          ticket.categoryId,
          ticket.id,
        ) as string[];
      const ticketStmt = db.prepare(
        `SELECT ${selectColumns(TABLES.ticket)} FROM ${fromClause(TABLES.ticket)} WHERE t.id = ?`,
      );
      const scored = ids.flatMap((id) => {
        const row = ticketStmt.get(id) as Record<string, unknown> | undefined;
        if (row === undefined) return [];
        const other = rowToRecord('ticket', row);
        const score = duplicateScore(ticket, other);
        return score >= LIKELY_DUPLICATE ? [{ other, score }] : [];
      });
      scored.sort((a, b) => b.score - a.score || b.other.createdAt.localeCompare(a.other.createdAt));
      return scored.slice(0, limit).map(({ other }) =>
        toView(
          {
            rid: 0,
            id: other.id,
            subject: other.subject,
            status: other.status,
            priority: other.priority,
            categoryId: other.categoryId,
            assigneeId: other.assigneeId,
            requesterName: other.requesterName,
            channel: other.channel,
            level: other.level,
            createdAt: other.createdAt,
            updatedAt: other.updatedAt,
            callbackRequested: other.callbackPhone === null ? 0 : 1,
          },
          null,
        ),
      );
    },
  };
}
