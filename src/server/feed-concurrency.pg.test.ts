/**
 * The change feed never skips a commit with concurrent writers (docs/ARCHITECTURE.md, "The change
 * feed with several backend processes"). Three backend processes share one PostgreSQL database; three writer
 * processes change tickets through all of them at once; readers page the feed from random processes, some
 * from the start (bootstraps while writers run), some from another reader's live cursor. At the end, every
 * reader's copy must equal the database. The same run with the sequencer lock switched off must not.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { feedKindsFor } from '../shared/feed-scopes.js';
import { PostgresDatabase, postgresPool } from './db/postgres.js';
import { startBackendProcess } from './testing/backend-process.js';
import type { BackendProcess } from './testing/backend-process.js';
import { compareCopies, databaseCopy, FeedReader } from './testing/feed-checker.js';
import type { Checkpoint, Divergence } from './testing/feed-checker.js';
import { login } from './testing/harness.js';
import { createTempPostgresDatabase } from './testing/postgres.js';
import type { TempPostgresDatabase } from './testing/postgres.js';

const PROCESSES = 3;
const WRITERS = 3;
const WRITE_SECONDS = 8;
/**
 * With the sound sequencer, each writer goes on past WRITE_SECONDS until this many writes succeeded (a loaded
 * machine writes slowly). The unsafe run fails many writes by design and just writes for WRITE_SECONDS.
 */
const WRITES_AT_LEAST = 50;

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const clean of cleanups.reverse()) await clean();
  cleanups = [];
});

interface WriterReport {
  operations: Record<string, number>;
  refused: number;
  failed: number;
}

function runWriter(urls: string[], seed: number, atLeast: number): Promise<WriterReport> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/testing/feed-writer.ts',
      '--urls',
      urls.join(','),
      '--seconds',
      String(WRITE_SECONDS),
      '--seed',
      String(seed),
      '--at-least',
      String(atLeast),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let report: WriterReport | null = null;
    createInterface({ input: child.stdout }).on('line', (line) => {
      report = JSON.parse(line) as WriterReport;
    });
    child.once('exit', (code) => {
      if (code === 0 && report) resolve(report);
      else reject(new Error(`writer ${seed} exited with ${String(code)}`));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CheckerResult {
  processes: number;
  writers: number;
  seconds: number;
  operations: number;
  refusedWrites: number;
  failedWrites: number;
  readers: number;
  resumedReaders: number;
  pages: number;
  backwards: number;
  divergence: Divergence;
  records: number;
}

async function runChecker(unsafe: boolean): Promise<CheckerResult> {
  const temp: TempPostgresDatabase = await createTempPostgresDatabase();
  cleanups.push(() => temp.drop());
  const flags = ['--database', temp.url, '--test-endpoints', ...(unsafe ? ['--unsafe-sequencer'] : [])];
  const backends: BackendProcess[] = [];
  cleanups.push(async () => {
    await Promise.all(backends.map((b) => b.stop()));
  });
  // The first seeds the database; the others find it seeded.
  backends.push(await startBackendProcess([...flags, '--seed', '1', '--tickets', '300'], 120_000));
  backends.push(
    ...(await Promise.all(Array.from({ length: PROCESSES - 1 }, () => startBackendProcess(flags, 60_000)))),
  );
  const urls = backends.map((b) => b.url);
  const token = await login(urls[0] as string, 'lea');

  const writing = Promise.all(
    Array.from({ length: WRITERS }, (_, i) => runWriter(urls, i + 1, unsafe ? 0 : WRITES_AT_LEAST)),
  );
  const state = { writersDone: false };
  const written = writing.finally(() => {
    state.writersDone = true;
  });

  const readers: FeedReader[] = [];
  const checkpoints: Checkpoint[] = [];
  let resumed = 0;
  const readLoop = async (reader: FeedReader): Promise<void> => {
    while (!state.writersDone) {
      const { hasMore, live } = await reader.page();
      if (live && Math.random() < 0.1) {
        const cp = reader.checkpoint();
        if (cp) checkpoints.push(cp);
      }
      if (!hasMore) await sleep(Math.random() * 10);
    }
    // Writers are done: read to the end.
    while ((await reader.page()).hasMore);
  };
  const loops: Promise<void>[] = [];
  const startReader = (from?: Checkpoint): void => {
    const reader = new FeedReader(urls, token, Math.random, from);
    readers.push(reader);
    loops.push(readLoop(reader));
  };
  startReader();
  startReader();
  // More readers join while writers run: some resume from another's cursor, some bootstrap.
  for (let i = 0; i < 6 && !state.writersDone; i++) {
    await sleep(1000);
    const from =
      checkpoints.length > 0 && Math.random() < 0.7
        ? checkpoints[Math.floor(Math.random() * checkpoints.length)]
        : undefined;
    if (from) resumed++;
    startReader(from);
  }
  const reports = await written;
  await Promise.all(loops);

  const db = new PostgresDatabase(postgresPool({ url: temp.url, poolSize: 1 }));
  cleanups.push(() => db.close());
  const truth = await databaseCopy(db, feedKindsFor(['agent', 'verifier', 'expert']));
  const divergence: Divergence = { missed: 0, extra: 0, stale: 0 };
  for (const reader of readers) {
    const d = compareCopies(truth, reader.records);
    divergence.missed += d.missed;
    divergence.extra += d.extra;
    divergence.stale += d.stale;
  }
  return {
    processes: PROCESSES,
    writers: WRITERS,
    seconds: WRITE_SECONDS,
    operations: reports.reduce((n, r) => n + Object.values(r.operations).reduce((a, b) => a + b, 0), 0),
    refusedWrites: reports.reduce((n, r) => n + r.refused, 0),
    failedWrites: reports.reduce((n, r) => n + r.failed, 0),
    readers: readers.length,
    resumedReaders: resumed,
    pages: readers.reduce((n, r) => n + r.pages, 0),
    backwards: readers.reduce((n, r) => n + r.backwards, 0),
    divergence,
    records: truth.size,
  };
}

describe('the change feed with concurrent writers on several backend processes', () => {
  it('gives every reader every record at its latest version, none missed, none moving backwards', async () => {
    const result = await runChecker(false);
    console.log(JSON.stringify({ checker: 'sequencer-locked', ...result }));
    expect(result.operations).toBeGreaterThanOrEqual(WRITERS * WRITES_AT_LEAST);
    // A sound sequencer makes no write fail: writes to tickets another writer deleted are refused (404), never 500.
    expect(result.failedWrites).toBe(0);
    expect(result.readers).toBeGreaterThanOrEqual(2);
    expect(result.backwards).toBe(0);
    expect(result.divergence).toEqual({ missed: 0, extra: 0, stale: 0 });
  }, 240_000);

  it('catches a sequencer that hands out seqs before commit (the unsafe test switch)', async () => {
    const result = await runChecker(true);
    console.log(JSON.stringify({ checker: 'sequencer-unsafe', ...result }));
    const { missed, extra, stale } = result.divergence;
    expect(missed + extra + stale + result.backwards).toBeGreaterThan(0);
  }, 240_000);
});
