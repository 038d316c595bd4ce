/**
 * Runs the sync engine in this process and prints its events as JSON lines.
 * Used by the crash test (killed mid-apply and restarted) and the benchmark.
 *
 *   npx tsx src/main/sync/cli.ts --db FILE --url URL --login L --password P
 *       [--until-caught-up] [--index-search] [--page-size N] [--pages-per-commit N]
 *       [--read-ahead-threshold N]
 */
import { parseArgs } from 'node:util';
import { openCache } from '../db/connection.js';
import { createSyncEngine } from './engine.js';
import { errorMessage } from './events.js';
import type { SyncEvent } from './events.js';

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

const cache = openCache(required('db'));
print({ type: 'opened', health: cache.health });
const oneShot = values['until-caught-up'];
const engine = createSyncEngine({
  cache,
  baseUrl: required('url'),
  login: required('login'),
  password: required('password'),
  pageSize: optionalInt(values['page-size']),
  pagesPerCommit: optionalInt(values['pages-per-commit']),
  readAheadThreshold: optionalInt(values['read-ahead-threshold']),
  push: !oneShot,
  onEvent: (event: SyncEvent) => {
    print(event);
  },
});

async function finish(code: number): Promise<never> {
  await engine.stop();
  cache.close();
  print({ type: 'exit', code });
  process.exit(code);
}

try {
  if (oneShot) {
    await engine.pullNow();
    if (values['index-search']) await engine.indexSearch();
    await finish(0);
  } else {
    await engine.start();
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void finish(0));
  }
} catch (err) {
  print({ type: 'fatal', message: errorMessage(err) });
  await finish(1);
}
