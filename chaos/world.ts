/**
 * What a chaos scenario works with: the reference backend in this process
 * (port 0, a temp folder), consoles as child processes running the real sync
 * engine on a real cache file (src/main/sync/cli.ts), which the scenario may
 * kill with SIGKILL at a moment of its choosing, and the checks that matter
 * to a person: did every note they wrote reach the backend exactly once, and
 * does their cache hold what the backend holds.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { openCache } from '../src/main/db/connection.js';
import { cacheChecksums } from '../src/main/db/test-checksums.js';
import type { HttpTimeouts } from '../src/main/sync/http.js';
import { startReferenceBackend } from '../src/server/index.js';
import type { ReferenceBackend } from '../src/server/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'src/main/sync/cli.ts');
const LOGIN = ['--login', 'lea', '--password', 'demo'];

export interface ChaosWorld {
  /** The backend running now (a restore replaces it, on the same port). */
  readonly backend: ReferenceBackend;
  /** The key the consoles journal their outbox with (the app's vault key; one per world, as one per machine). */
  readonly journalKey: string;
  readonly backendDb: string;
  /** A new empty folder for one scenario's files. */
  folder(name: string): string;
  /** Stops the backend and keeps a copy of its database file, as an operator's backup. */
  backup(to: string): Promise<void>;
  /** Stops the backend, puts `from` back as its database, starts it again on the same port. */
  restore(from: string): Promise<void>;
  close(): Promise<void>;
}

export async function startWorld(tickets: number): Promise<ChaosWorld> {
  const root = mkdtempSync(path.join(tmpdir(), 'sc-chaos-'));
  const backendDb = path.join(root, 'backend.db');
  const options = (port: number) => ({
    dbPath: backendDb,
    port,
    seed: { seed: 11, tickets },
    demo: true,
    testEndpoints: true,
    heartbeatMs: 500,
    pushDebounceMs: 10,
  });
  let backend = await startReferenceBackend(options(0));
  const port = Number(new URL(backend.url).port);
  const restart = async (between: () => void): Promise<void> => {
    // Closing checkpoints the WAL into the file: the file alone is the whole database.
    await backend.close();
    between();
    backend = await startReferenceBackend(options(port));
  };
  let folders = 0;
  return {
    get backend() {
      return backend;
    },
    backup: (to) =>
      restart(() => {
        copyFileSync(backendDb, to);
      }),
    restore: (from) =>
      restart(() => {
        for (const suffix of ['-wal', '-shm']) rmSync(backendDb + suffix, { force: true });
        copyFileSync(from, backendDb);
      }),
    journalKey: randomBytes(32).toString('base64'),
    backendDb,
    folder(name) {
      folders += 1;
      return mkdtempSync(path.join(root, `${String(folders)}-${name}-`));
    },
    async close() {
      await backend.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export type Line = Record<string, unknown> & { type: string };

export interface ConsoleRun {
  /** Killed by the scenario (not ended by itself). */
  killed: boolean;
  code: number | null;
  lines: Line[];
}

export interface ConsoleOptions {
  /** Internal notes to write through the outbox, as a person would: ticket id and text. */
  notes?: readonly { ticketId: string; body: string }[];
  /** Send the outbox until nothing is pending, then exit (otherwise: pull to the head and exit). */
  untilSent?: boolean;
  /** Queue the notes on what the cache holds, send nothing, exit cleanly (work done offline). */
  queueOnly?: boolean;
  /** Caps the cache file at this many pages (SQLITE_FULL beyond, as on a full disk). */
  maxPages?: number;
  /** Kill with SIGKILL `delayMs` after the `count`-th line of type `after`. */
  kill?: { after: string; count: number; delayMs: number };
  timeouts?: Partial<HttpTimeouts>;
  /** Small pages and a commit per page, so a bootstrap has many moments to be killed at. */
  smallPages?: boolean;
  /** Ends the child if it has not ended by itself (a hang is a finding, not a wait). */
  guardMs?: number;
  /**
   * With either, the console is left running (without `untilSent` or notes: it starts, listens to the push
   * channel, pulls and sends what its outbox holds, as the app does) and is stopped as a person quits it (SIGTERM: a clean stop) at the first line
   * `stopWhen` accepts, or `stopAfterMs` after its start, whichever comes first.
   */
  stopWhen?: (line: Line) => boolean;
  stopAfterMs?: number;
}

/** Runs one console process on `cacheFile` against the world's backend. */
export function runConsole(world: ChaosWorld, cacheFile: string, o: ConsoleOptions = {}): Promise<ConsoleRun> {
  const args = ['--import', 'tsx', CLI, '--db', cacheFile, '--url', world.backend.url, ...LOGIN];
  const leftRunning = o.stopWhen !== undefined || o.stopAfterMs !== undefined;
  if (o.queueOnly === true) args.push('--queue-only');
  else if (o.untilSent === true || (o.notes?.length ?? 0) > 0) args.push('--until-sent');
  else if (!leftRunning) args.push('--until-caught-up');
  if (o.maxPages !== undefined) args.push('--max-pages', String(o.maxPages));
  if (o.smallPages === true) args.push('--page-size', '20', '--pages-per-commit', '1');
  if (o.timeouts !== undefined) args.push('--timeouts', JSON.stringify(o.timeouts));
  for (const n of o.notes ?? []) args.push('--note', `${n.ticketId}=${n.body}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SUPPORT_CONSOLE_JOURNAL_KEY: world.journalKey },
    });
    const lines: Line[] = [];
    let seen = 0;
    let killed = false;
    let buffer = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), o.guardMs ?? 60_000);
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      child.kill('SIGTERM');
    };
    const stopTimer = o.stopAfterMs === undefined ? null : setTimeout(stop, o.stopAfterMs);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        let line: Line;
        try {
          line = JSON.parse(text) as Line;
        } catch {
          continue;
        }
        lines.push(line);
        if (o.stopWhen?.(line) === true) stop();
        if (o.kill !== undefined && line.type === o.kill.after) {
          seen += 1;
          if (seen === o.kill.count && !killed) {
            killed = true;
            setTimeout(() => child.kill('SIGKILL'), o.kill.delayMs);
          }
        }
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(guard);
      if (stopTimer !== null) clearTimeout(stopTimer);
      resolve({ killed: killed && code === null, code, lines });
    });
  });
}

/** How many times each text appears among the backend's messages (read from its database file). */
export function messagesOnBackend(world: ChaosWorld): Map<string, number> {
  const db = new Database(world.backendDb, { readonly: true, fileMustExist: true });
  try {
    const counts = new Map<string, number>();
    for (const { data } of db.prepare<[], { data: string }>('SELECT data FROM rec_message').iterate()) {
      const body = (JSON.parse(data) as { body?: unknown }).body;
      if (typeof body === 'string') counts.set(body, (counts.get(body) ?? 0) + 1);
    }
    return counts;
  } finally {
    db.close();
  }
}

/** The notes a console holds refused in its outbox (shown to the person with their text), by text. */
export function refusedNotes(cacheFile: string): Set<string> {
  const cache = openCache(cacheFile);
  try {
    const rows = cache.db
      .prepare<[], { action: string }>("SELECT action FROM outbox WHERE state IN ('rejected', 'conflict')")
      .all();
    return new Set(rows.map((r) => String((JSON.parse(r.action) as { body?: unknown }).body)));
  } finally {
    cache.close();
  }
}

/** Kinds whose records differ between the console's cache and the backend (0 = the cache holds the truth). */
export async function divergedKinds(world: ChaosWorld, cacheFile: string): Promise<string[]> {
  let cache;
  try {
    cache = openCache(cacheFile);
  } catch (err) {
    return [`(the cache does not open: ${(err as { code?: string }).code ?? String(err)})`];
  }
  try {
    let mine;
    try {
      mine = cacheChecksums(cache);
    } catch (err) {
      // A cache the console left damaged and in use differs from the backend in every way that matters.
      return [`(the cache cannot be read: ${(err as { code?: string }).code ?? String(err)})`];
    }
    const theirs = await world.backend.checksums();
    return Object.keys(theirs).filter(
      (k) => JSON.stringify(mine[k as keyof typeof mine]) !== JSON.stringify(theirs[k as keyof typeof theirs]),
    );
  } finally {
    cache.close();
  }
}

/** A small deterministic PRNG: a run with the same seed makes the same choices. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
