/**
 * Simulated consoles: each one the project's own sync engine in a child
 * process (src/main/sync/cli.ts) on a cache file of its own, signed in as a
 * seeded agent against one backend process, left running with its push
 * channel on as the app runs it. At the end each cache is compared with the
 * backend's database, per kind of record the agent's roles receive.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { openCache } from '../src/main/db/connection.js';
import { cacheChecksums } from '../src/main/db/test-checksums.js';
import { feedKindsFor } from '../src/shared/feed-scopes.js';
import type { Role } from '../src/shared/entities.js';
import { stopChild } from '../src/server/testing/backend-process.js';
import { cursorSeq } from './team-sse.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'src/main/sync/cli.ts');

export interface ConsoleProcess {
  readonly login: string;
  readonly roles: readonly Role[];
  readonly baseUrl: string;
  readonly cacheFile: string;
  readonly child: ChildProcess;
  /** Resolves with ms from spawn to the first 'caught-up' (the bootstrap's end); rejects on a fatal line or exit. */
  readonly caughtUp: Promise<number>;
  /** Feed pages the engine pulled so far (its pull-stats lines). */
  pages(): number;
  /** Pulls the engine made so far (one pull-stats line each: a bootstrap, or a delta after a push). */
  pulls(): number;
  /** Lines of type 'error', 'offline' or 'problem' seen so far. */
  troubles(): string[];
  stop(): Promise<void>;
}

export function startConsole(o: {
  login: string;
  roles: readonly Role[];
  baseUrl: string;
  cacheFile: string;
}): ConsoleProcess {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--db', o.cacheFile, '--url', o.baseUrl, '--login', o.login, '--password', 'demo'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let pages = 0;
  let pulls = 0;
  const troubles: string[] = [];
  const caughtUp = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`console ${o.login} exited (${String(code)}) before catching up`));
    });
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: { type?: string; pages?: number; message?: string; reason?: string };
      try {
        line = JSON.parse(text) as typeof line;
      } catch {
        return;
      }
      if (line.type === 'pull-stats') {
        pages += line.pages ?? 0;
        pulls += 1;
      }
      if (line.type === 'caught-up') resolve(performance.now() - t0);
      if (line.type === 'fatal') reject(new Error(`console ${o.login}: ${line.message ?? text}`));
      if (line.type === 'error' || line.type === 'offline' || line.type === 'problem') troubles.push(text);
    });
  });
  caughtUp.catch(() => undefined);
  return {
    ...o,
    child,
    caughtUp,
    pages: () => pages,
    pulls: () => pulls,
    troubles: () => troubles,
    stop: () => stopChild(child),
  };
}

/** The feed position the console's cache stands at (0 before its first commit). */
export function cacheSeq(cacheFile: string): number {
  if (!existsSync(cacheFile)) return 0;
  const db = new Database(cacheFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'cursor'").get() as { value?: unknown } | undefined;
    return typeof row?.value === 'string' ? cursorSeq(row.value) : 0;
  } finally {
    db.close();
  }
}

/** Waits (polling each cache's cursor) until every console holds the feed up to `headSeq`, or `timeoutMs`. */
export async function waitForHead(
  consoles: readonly ConsoleProcess[],
  headSeq: number,
  timeoutMs: number,
): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const behind = consoles.filter((c) => cacheSeq(c.cacheFile) < headSeq);
    if (behind.length === 0) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) {
      throw new Error(
        `${String(behind.length)} console(s) still behind seq ${String(headSeq)}: ${behind.map((c) => c.login).join(', ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

type Checksums = Record<string, { count: number; sha256: string }>;

/** Kinds (of those the console's roles receive) whose records differ from the backend's; [] = equal. */
export function divergedKinds(cacheFile: string, roles: readonly Role[], backend: Checksums): string[] {
  const cache = openCache(cacheFile);
  try {
    const mine = cacheChecksums(cache) as Checksums;
    return feedKindsFor(roles).filter((k) => JSON.stringify(mine[k]) !== JSON.stringify(backend[k]));
  } finally {
    cache.close();
  }
}
