/**
 * The cache's figures (bench/README.md): the bare write limits (`sqlite.insert.bare`, `sqlite.insert.limit`), and
 * the reads of the queue screen timed through what the `queue:window` and `queue:counts` handlers run
 * (src/main/services/index.ts), with the queries the renderer's queue slice sends.
 */
import { performance } from 'node:perf_hooks';
import { openCache } from '../src/main/db/index.js';
import type { Cache } from '../src/main/db/index.js';
import { fromClause, mainColumns, TABLES } from '../src/main/db/schema-map.js';
import { createViewsReader } from '../src/main/db/views-reader.js';
import type { ViewsReader } from '../src/main/db/views-reader.js';
import { categoryCounts } from '../src/main/features/tickets/category-counts.js';
import { withOutboxState } from '../src/main/features/tickets/ticket-detail.js';
import { TICKET_STATUSES } from '../src/shared/entities.js';
import type { QueueCounts, QueueWindow, QueueWindowQuery } from '../src/shared/ipc.js';
import { firstQueueQuery } from '../src/shared/queue-sort.js';
import { emit, emitLatency, percentile, sampleMs } from './stats.js';

/** The renderer asks for windows of its WindowCache's page size (src/renderer/src/lib/window-cache.ts). */
const PAGE = 100;

/** What the `queue:window` handler returns: the view's window, with the outbox's marks on its rows. */
export function queueWindow(cache: Cache, views: ViewsReader, query: QueueWindowQuery, me: string | null): QueueWindow {
  const window = views.queueWindow(query, me);
  return { ...window, rows: withOutboxState(cache.reader, window.rows) };
}

/** What the `queue:counts` handler returns (the sidebar's numbers). */
export function queueCounts(cache: Cache, views: ViewsReader, me: string | null): QueueCounts {
  return { categories: categoryCounts(cache.reader, 'fr'), views: views.viewCounts(me) };
}

/** The query of a freshly opened console, first page of the renderer's size. */
const query = (over: Partial<QueueWindowQuery>): QueueWindowQuery => firstQueueQuery({ limit: PAGE, ...over });

/** The reads the console makes on each change during a sync: the counts and the first page. */
export function readLikeTheConsole(cache: Cache, views: ViewsReader, me: string | null): void {
  queueCounts(cache, views, me);
  queueWindow(cache, views, query({}), me);
}

type Shape = readonly [label: string, query: QueueWindowQuery];

/**
 * Samples `fn` over `shapes` in turn; also the p95 of each label, so a slow kind of query shows by name.
 * `before` runs ahead of each sample, untimed.
 */
function sampleShapes(
  rounds: number,
  shapes: readonly Shape[],
  fn: (q: QueueWindowQuery) => unknown,
  before?: () => void,
) {
  const samples: number[] = [];
  const byLabel = new Map<string, number[]>();
  for (let i = 0; i < rounds; i++) {
    const [label, q] = shapes[i % shapes.length] as Shape;
    before?.();
    const t = performance.now();
    fn(q);
    const ms = performance.now() - t;
    samples.push(ms);
    byLabel.set(label, [...(byLabel.get(label) ?? []), ms]);
  }
  const p95MsByShape = Object.fromEntries(
    [...byLabel].map(([label, s]) => [label, Number(percentile(s, 95).toFixed(4))]),
  );
  return { samples, p95MsByShape };
}

/** The p95 of each cache figure, for the same figures on another cache to compare with. */
export type CacheQueryP95s = Record<'sqlite.pk.limit' | 'cache.queue' | 'cache.counts' | 'cache.search', number>;

/**
 * sqlite.pk.limit, then cache.queue, cache.counts and cache.search against it. `me`: the signed-in agent's id.
 * `against`: these figures of a plain cache measured earlier in the run; the lines are then named with
 * `.encrypted` and carry `ratioToPlain` (this p95 / the plain one's).
 */
export function measureCacheQueries(cache: Cache, me: string, against?: CacheQueryP95s): CacheQueryP95s {
  const views = createViewsReader(cache.db);
  const name = (figure: keyof CacheQueryP95s): string => (against === undefined ? figure : `${figure}.encrypted`);
  const versus = (figure: keyof CacheQueryP95s, samples: readonly number[]): Record<string, unknown> =>
    against === undefined
      ? {}
      : { plainBench: figure, plainP95Ms: against[figure], ratioToPlain: percentile(samples, 95) / against[figure] };
  const ids = cache.db.prepare('SELECT id FROM tickets ORDER BY random() LIMIT 500').pluck().all() as string[];
  const pk = sampleMs(500, (i) => cache.reader.getRecord('ticket', ids[i % ids.length] ?? '1'));
  emitLatency(name('sqlite.pk.limit'), pk, versus('sqlite.pk.limit', pk));
  const limit = { limitBench: name('sqlite.pk.limit'), limitP95Ms: percentile(pk, 95) };

  const categories = views.categories().map((c) => c.id);
  const everything = [...TICKET_STATUSES];
  const total = (q: QueueWindowQuery): number => views.queueWindow({ ...q, limit: 1 }, me).total;
  // A page in the middle of every ticket: the scrollbar dragged halfway (the view walks from the nearer end).
  const middle = Math.max(0, Math.floor(total(query({ statuses: everything })) / 2) - PAGE);
  const shapes: Shape[] = [
    ...categories.flatMap((categoryId): Shape[] => [
      ['category × open × updated', query({ categoryId })],
      ['category × open × age', query({ categoryId, sort: 'age' })],
      ['category × open × priority', query({ categoryId, sort: 'priority' })],
      ['category × closed, page 50', query({ categoryId, statuses: ['closed'], offset: 50 * PAGE })],
    ]),
    ['all × open × updated', query({})],
    ['unassigned × open × age', query({ view: 'unassigned', sort: 'age' })],
    ['mine × open × priority', query({ view: 'mine', sort: 'priority' })],
    ['mine × every status, page 10', query({ view: 'mine', statuses: everything, offset: 10 * PAGE })],
    ['all × every status, middle', query({ statuses: everything, offset: middle })],
  ];
  const queue = sampleShapes(600, shapes, (q) => queueWindow(cache, views, q, me));
  emitLatency(name('cache.queue'), queue.samples, {
    ...limit,
    goalP95Ms: 5,
    ...versus('cache.queue', queue.samples),
    p95MsByShape: queue.p95MsByShape,
  });

  const counts = sampleMs(300, () => queueCounts(cache, views, me));
  emitLatency(name('cache.counts'), counts, { ...limit, goalP95Ms: 2, ...versus('cache.counts', counts) });

  // What agents type, in the languages of the dataset; with the filters the queue screen had when they typed.
  const words = [
    'DNS',
    'certificat',
    'Zertifikat',
    'WordPress',
    'facture',
    'Postfach',
    'dominio',
    'résiliation',
    'SSL',
    'backup',
  ];
  const [first = 'C1', second = first] = categories;
  const searches: Shape[] = words.flatMap((search, i): Shape[] => [
    ['category × open', query({ search, categoryId: i % 2 === 0 ? first : second })],
    ['all × open', query({ search })],
    ['unassigned × open', query({ search, view: 'unassigned' })],
    ['all × every status', query({ search, statuses: everything })],
    ['category × solved + closed', query({ search, categoryId: first, statuses: ['solved', 'closed'] })],
  ]);
  const search = sampleShapes(400, searches, (q) => queueWindow(cache, views, q, me));
  emitLatency(name('cache.search'), search.samples, {
    ...limit,
    goalP95Ms: 30,
    ...versus('cache.search', search.samples),
    p95MsByShape: search.p95MsByShape,
  });
  const p95s: CacheQueryP95s = {
    'sqlite.pk.limit': percentile(pk, 95),
    'cache.queue': percentile(queue.samples, 95),
    'cache.counts': percentile(counts, 95),
    'cache.search': percentile(search.samples, 95),
  };
  // The after-change searches only once, on the plain cache: the encrypted lines are a comparison, not a second survey.
  if (against !== undefined) return p95s;

  // The first search after a change (a synced page, an action) reads the view's set again (view-sets.ts). The
  // change, untimed: a meta row written and removed by this connection.
  const change = cache.db.transaction(() => {
    cache.db.prepare("INSERT INTO meta (key, value) VALUES ('bench_change', 1)").run();
    cache.db.prepare("DELETE FROM meta WHERE key = 'bench_change'").run();
  });
  const afterChange = sampleShapes(100, searches, (q) => queueWindow(cache, views, q, me), change);
  emitLatency('cache.search.after-change', afterChange.samples, { ...limit, p95MsByShape: afterChange.p95MsByShape });

  const pasted = pastedSearches(cache);
  const exactShapes: Shape[] = pasted.flatMap(([label, search]): Shape[] => [
    [`${label} × all × open`, query({ search })],
    [`${label} × category × open`, query({ search, categoryId: first })],
    [`${label} × all × every status`, query({ search, statuses: everything })],
  ]);
  const exact = sampleShapes(300, exactShapes, (q) => queueWindow(cache, views, q, me));
  emitLatency('cache.search.exact', exact.samples, { ...limit, goalP95Ms: 30, p95MsByShape: exact.p95MsByShape });
  return p95s;
}

/**
 * What agents paste from a call or an e-mail (src/main/db/exact-matches.ts): a ticket number with and without
 * #, a requester's address in capitals, a customer number in lower case, a customer's own domain and the most
 * common requesters' domain (a mail provider's: a large part of the tickets). Picked from the cache, untimed.
 */
function pastedSearches(cache: Cache): [string, string][] {
  const db = cache.db;
  const ticket = db
    .prepare(
      'SELECT id, requester_email AS email, account_id AS accountId FROM tickets WHERE account_id IS NOT NULL ORDER BY rid DESC LIMIT 1 OFFSET 1000',
    )
    .get() as { id: string; email: string; accountId: string } | undefined;
  if (ticket === undefined) return [];
  const account = db
    .prepare('SELECT customer_number AS customerNumber FROM accounts WHERE id = ?')
    .get(ticket.accountId) as { customerNumber: string } | undefined;
  const domainOf = (email: string) => email.slice(email.indexOf('@') + 1);
  const organisation = db
    .prepare("SELECT registered_emails FROM accounts WHERE type = 'organisation' ORDER BY id LIMIT 1 OFFSET 500")
    .pluck()
    .get() as string | undefined;
  const ownDomain = organisation === undefined ? null : (JSON.parse(organisation) as string[])[0];
  const provider = db
    .prepare(
      "SELECT substr(requester_email, instr(requester_email, '@') + 1) AS d FROM tickets WHERE rid % 100 = 0 GROUP BY d ORDER BY count(*) DESC LIMIT 1",
    )
    .pluck()
    .get() as string | undefined;
  return [
    ['#number', `#${ticket.id}`],
    ['number', ticket.id],
    ['e-mail', ticket.email.toUpperCase()],
    ...(account === undefined ? [] : [['customer number', account.customerNumber.toLowerCase()] as [string, string]]),
    ...(ownDomain === undefined || ownDomain === null ? [] : [['own domain', domainOf(ownDomain)] as [string, string]]),
    ...(provider === undefined ? [] : [['provider domain', provider] as [string, string]]),
  ];
}

/** The synced tickets as raw rows: the main columns in schema order, then the body. */
function ticketRows(source: Cache): { columns: string[]; rows: unknown[][] } {
  const spec = TABLES.ticket;
  const columns = mainColumns(spec).map((c) => c.column);
  const rows = source.db
    .prepare(`SELECT ${columns.map((c) => `t.${c}`).join(', ')}, s.body FROM ${fromClause(spec)}`)
    .raw()
    .all() as unknown[][];
  return { columns, rows };
}

/** Inserts `rows` into `tickets`/`bodies` of `target` with one prepared statement each, in one transaction. */
function timeInsert(target: Cache, tables: { tickets: string; bodies: string }, columns: string[], rows: unknown[][]) {
  const insertTicket = target.db.prepare(
    `INSERT INTO ${tables.tickets} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const insertBody = target.db.prepare(`INSERT INTO ${tables.bodies} (rid, body) VALUES (?, ?)`);
  const t = performance.now();
  target.db.transaction(() => {
    for (const row of rows) {
      const { lastInsertRowid } = insertTicket.run(row.slice(0, columns.length));
      insertBody.run(lastInsertRowid, row[columns.length]);
    }
  })();
  return { n: rows.length, seconds: (performance.now() - t) / 1000 };
}

/**
 * The synced ticket rows written again, two ways, each into a new file opened like the cache (same pragmas):
 * `sqlite.insert.bare` into tables with the same columns and nothing else (no UNIQUE id, no secondary index,
 * no trigger): what SQLite itself costs; `sqlite.insert.limit` into the cache schema as the migrations leave
 * it (every index and trigger in place). Returns both rates in rows per second.
 */
export function measureInserts(source: Cache, bareFile: string, schemaFile: string): { bare: number; limit: number } {
  const { columns, rows } = ticketRows(source);

  const bare = openCache(bareFile, { owner: true });
  const schemaSql = (name: string): string =>
    String(bare.db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(name));
  bare.db.exec(
    `${schemaSql('tickets')
      .replace(/^CREATE TABLE tickets\b/, 'CREATE TABLE bare_tickets')
      .replace(/\bUNIQUE\b/g, '')};
     ${schemaSql('ticket_bodies').replace(/^CREATE TABLE ticket_bodies\b/, 'CREATE TABLE bare_ticket_bodies')};`,
  );
  const extras = bare.db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name LIKE 'bare\\_%' ESCAPE '\\'",
    )
    .pluck()
    .all();
  if (extras.length > 0) throw new Error(`the bare tables are not bare: ${extras.join(', ')}`);
  const bareRun = timeInsert(bare, { tickets: 'bare_tickets', bodies: 'bare_ticket_bodies' }, columns, rows);
  bare.close();
  emit({ bench: 'sqlite.insert.bare', ...bareRun, perSecond: bareRun.n / bareRun.seconds });

  const full = openCache(schemaFile, { owner: true });
  const limitRun = timeInsert(full, { tickets: 'tickets', bodies: 'ticket_bodies' }, columns, rows);
  full.close();
  emit({ bench: 'sqlite.insert.limit', ...limitRun, perSecond: limitRun.n / limitRun.seconds });
  return { bare: bareRun.n / bareRun.seconds, limit: limitRun.n / limitRun.seconds };
}
