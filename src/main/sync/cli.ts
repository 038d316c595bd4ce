/**
 * Runs the sync engine in this process and prints its events as JSON lines.
 * Used by the crash test (killed mid-apply and restarted), `npm run chaos`
 * (killed mid-send too) and the benchmark.
 *
 *   npx tsx src/main/sync/cli.ts --db FILE --url URL --login L --password P
 *       [--until-caught-up] [--index-search] [--page-size N] [--pages-per-commit N]
 *       [--read-ahead-threshold N] [--timeouts JSON]
 *       [--note TICKET_ID=TEXT ...] [--until-sent | --queue-only] [--max-pages N]
 *
 * `--note` queues an internal note through the outbox, as a person would
 * (printed as `{"type":"queued"}` once on disk); `--until-sent` sends the
 * outbox until nothing is pending, then exits; `--queue-only` queues the
 * notes on what the cache holds, sends nothing and exits cleanly (work done
 * offline). `--max-pages` caps the cache file's size in pages, as a full disk
 * would (SQLITE_FULL).
 */
import { parseArgs } from 'node:util';
import { isCorruptionError, openCache } from '../db/connection.js';
import { createSyncEngine } from './engine.js';
import { errorMessage } from './events.js';
import type { SyncEvent } from './events.js';
import type { HttpTimeouts } from './http.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    url: { type: 'string' },
    login: { type: 'string' },
    password: { type: 'string' },
    'until-caught-up': { type: 'boolean', default: false },
    'index-search': { type: 'boolean', default: false },
    'page-size': { type: 'string' },
    'pages-per-commit': { type: 'string' },
    'read-ahead-threshold': { type: 'string' },
    timeouts: { type: 'string' },
    note: { type: 'string', multiple: true },
    'until-sent': { type: 'boolean', default: false },
    'queue-only': { type: 'boolean', default: false },
    'max-pages': { type: 'string' },
  },
});

const started = performance.now();
/** One JSON line per event; `t` = ms since start, so a benchmark can time urgent-ready, caught-up, search-ready. */
const print = (line: object): void => {
  process.stdout.write(`${JSON.stringify({ ...line, t: Math.round(performance.now() - started) })}\n`);
};

function required(name: 'db' | 'url' | 'login' | 'password'): string {
  const value = values[name];
  if (value === undefined || value === '') {
    process.stderr.write(`missing --${name}\n`);
    process.exit(2);
  }
  return value;
}

const optionalInt = (v: string | undefined): number | undefined =>
  v === undefined ? undefined : Number.parseInt(v, 10);

/**
 * SUPPORT_CONSOLE_JOURNAL_KEY (32 bytes, base64): journal the outbox beside the file with this key, as the app
 * does with its vault's key, so unsent notes outlive a damaged or rebuilt file. An environment variable, not a
 * flag: a key on the command line is visible to every process of the machine.
 */
const journalKeyText = process.env.SUPPORT_CONSOLE_JOURNAL_KEY;
const journalKey = journalKeyText === undefined ? undefined : Buffer.from(journalKeyText, 'base64');
const cache = openCache(required('db'), journalKey === undefined ? {} : { journalKey });
print({ type: 'opened', health: cache.health });
if (values['max-pages'] !== undefined) cache.db.pragma(`max_page_count = ${String(optionalInt(values['max-pages']))}`);
const oneShot = values['until-caught-up'];
const engine = createSyncEngine({
  cache,
  baseUrl: required('url'),
  login: required('login'),
  password: required('password'),
  pageSize: optionalInt(values['page-size']),
  pagesPerCommit: optionalInt(values['pages-per-commit']),
  readAheadThreshold: optionalInt(values['read-ahead-threshold']),
  ...(values.timeouts === undefined ? {} : { timeouts: JSON.parse(values.timeouts) as Partial<HttpTimeouts> }),
  push: !oneShot && !values['until-sent'],
  onEvent: (event: SyncEvent) => {
    // The engine stopped: the file must not be marked clean on the way out, so the next start checks and rebuilds it.
    if (event.type === 'cache-damaged') cache.markDamaged();
    print(event);
  },
});

async function finish(code: number): Promise<never> {
  await engine.stop();
  cache.close();
  print({ type: 'exit', code });
  process.exit(code);
}

/** Queues each `--note ID=TEXT` through the outbox; a note the outbox refuses is printed and skipped. */
async function queueNotes(): Promise<void> {
  for (const note of values.note ?? []) {
    const at = note.indexOf('=');
    const ticketId = note.slice(0, at);
    const body = note.slice(at + 1);
    const result = await engine.act({ type: 'reply', ticketId, body, internal: true });
    print(result.accepted ? { type: 'queued', ticketId, body } : { type: 'not-queued', ticketId, body, result });
  }
}

/** Sends until the outbox has nothing pending (refused entries wait for a person and do not count). */
async function sendAll(): Promise<void> {
  for (let round = 0; round < 600; round++) {
    await engine.drainOutbox();
    if (cache.reader.outboxCounts().pending === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the outbox still has pending entries after 600 rounds');
}

try {
  if (values['queue-only']) {
    await queueNotes();
    await finish(0);
  }
  if (values.note !== undefined || values['until-sent']) {
    await engine.pullNow();
    await queueNotes();
    if (values['until-sent']) {
      await sendAll();
      await finish(0);
    }
  }
  if (oneShot) {
    await engine.pullNow();
    if (values['index-search']) await engine.indexSearch();
    await finish(0);
  } else {
    await engine.start();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void finish(0));
  }
} catch (err) {
  if (isCorruptionError(err)) cache.markDamaged();
  print({ type: 'fatal', message: errorMessage(err) });
  await finish(1);
}
