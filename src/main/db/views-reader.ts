/**
 * Read side of the queue views, beside CacheReader: windows of
 * rows, totals, view counts, search with filters, likely duplicates, and the
 * small lists (categories, agents). Main thread only; never writes.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { TICKET_STATUSES } from '../../shared/entities.js';
import type { Agent, Category, Ticket } from '../../shared/entities.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/ipc.js';
import type { QueueRowView, QueueWiden, QueueWindow, QueueWindowQuery, ViewId } from '../../shared/ipc.js';
import { exactProbes } from '../../shared/search-words.js';
import {
  DUPLICATE_WINDOW_MS,
  duplicateScore,
  isChatTermination,
  LIKELY_DUPLICATE,
} from '../../shared/ticket-actions.js';
import { bulkLoadActive } from './bulk-indexes.js';
import { exactMatchRids } from './exact-matches.js';
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
    const none = { total, offset, rows: [], searchComplete: true, exact: 0, widen: null };
    if (limit <= 0) return total === 0 && query.offset === 0 ? { ...none, widen: widen(query, f, null) } : none;
    // Past the middle, walking from the far end skips fewer index entries.
    const reverse = offset + limit / 2 > total / 2;
    const w = reverse ? { offset: total - offset - limit, limit, reverse } : { offset, limit };
    const built = buildViewWindow(f, query.sort, w, bulkLoadActive(db));
    if (built === null) return none;
    const rids = (prepared(built.sql).all(...built.params) as { rid: number }[]).map((r) => r.rid);
    if (reverse) rids.reverse();
    const byRid = rowsByRid(rids);
    const rows = rids.flatMap((rid) => {
      const r = byRid.get(rid);
      return r === undefined ? [] : [toView(r, null)];
    });
    return { ...none, rows };
  }

  /** Loads the view's set for `sc_in_view` when the view needs one; false when the view holds every ticket. */
  function loadViewSet(f: ViewFilter): boolean {
    const viewRids = buildViewRids(f);
    if (viewRids !== null) useViewSet(db, viewRids);
    return viewRids !== null;
  }

  /** The tickets the search names exactly (exact-matches.ts), in the view; none when it names nothing. */
  function exactOf(search: string, filtered: boolean): number[] {
    const probes = exactProbes(search);
    return probes === null ? [] : exactMatchRids(prepared, probes, filtered);
  }

  /**
   * The exact matches first, then the full-text ones without them. Of the full-text part, the window first,
   * then only what it leaves to count: a total after a short window is its end (offset + rows), after a full
   * one the matches older than its last row. Each hit is walked once instead of twice (a count from the
   * newest, then the window from the newest again): with sparse filters both used to walk every hit of the word.
   */
  function searchWindow(query: QueueWindowQuery, f: ViewFilter, fts: string): QueueWindow {
    const searchComplete = readFtsProgress(db).ready;
    const none = { total: 0, offset: query.offset, rows: [], searchComplete, exact: 0, widen: null };
    // No query for a view that cannot hold anything ("mine" before sign-in).
    if (buildSearchTotal(f, fts) === null) return query.offset === 0 ? { ...none, widen: widen(query, f, fts) } : none;
    const filtered = loadViewSet(f);
    const exact = exactOf(query.search, filtered);
    const exactShown = exact.slice(query.offset, query.offset + query.limit);
    const ftsOffset = Math.max(0, query.offset - exact.length);
    const ftsLimit = query.limit - exactShown.length;
    // Past the cap nothing more is shown (as before): the total alone says how far the list goes.
    const window =
      ftsLimit > 0 && ftsOffset < SEARCH_CAP
        ? buildSearchWindow(f, fts, { offset: ftsOffset, limit: ftsLimit }, [HIGHLIGHT_START, HIGHLIGHT_END], exact)
        : null;
    const hits =
      window === null ? [] : (prepared(window.sql).all(...window.params) as { rid: number; snippet: string }[]);
    const last = hits.at(-1);
    const end = ftsOffset + hits.length;
    let ftsTotal: number;
    if (last === undefined)
      ftsTotal = ftsOffset === 0 && ftsLimit > 0 ? 0 : countMatches(f, fts, SEARCH_CAP, undefined, exact);
    else if (hits.length < ftsLimit || end >= SEARCH_CAP) ftsTotal = Math.min(end, SEARCH_CAP);
    else ftsTotal = end + countMatches(f, fts, SEARCH_CAP - end, last.rid, exact);
    const total = exact.length + ftsTotal;
    const byRid = rowsByRid([...exactShown, ...hits.map((h) => h.rid)]);
    const shown = [...exactShown.map((rid) => ({ rid, snippet: null })), ...hits];
    const rows = shown.flatMap((h) => {
      const r = byRid.get(h.rid);
      return r === undefined ? [] : [toView(r, h.snippet)];
    });
    const widened = total === 0 && query.offset === 0 ? widen(query, f, fts) : null;
    return { total, offset: query.offset, rows, searchComplete, exact: exact.length, widen: widened };
  }

  function countMatches(f: ViewFilter, fts: string, cap: number, belowRid?: number, exclude?: number[]): number {
    const q = buildSearchTotal(f, fts, cap, belowRid, exclude);
    return q === null ? 0 : scalar(q);
  }

  /** How many the same query finds under `f` (capped like a search's total); 0 when `f` is empty. */
  function countUnder(f: ViewFilter, search: string, fts: string | null): number {
    if (fts === null) {
      const q = buildViewTotal(f);
      return q === null ? 0 : scalar(q);
    }
    if (buildSearchTotal(f, fts) === null) return 0;
    const exact = exactOf(search, loadViewSet(f));
    return exact.length + countMatches(f, fts, SEARCH_CAP, undefined, exact);
  }

  /** An empty list's way out: the same search with every status, then among every ticket. */
  function widen(query: QueueWindowQuery, f: ViewFilter, fts: string | null): QueueWiden {
    const allStatuses = TICKET_STATUSES.every((s) => f.statuses.includes(s));
    const everything = f.view === 'all' && f.categoryId === null;
    return {
      allStatuses: allStatuses ? null : countUnder({ ...f, statuses: TICKET_STATUSES }, query.search, fts),
      everywhere:
        allStatuses && everything
          ? null
          : countUnder({ view: 'all', categoryId: null, statuses: TICKET_STATUSES, me: f.me }, query.search, fts),
    };
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
