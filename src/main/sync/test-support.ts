/** Shared setup for the sync tests: a real reference backend on 127.0.0.1 and a real cache file. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openCache } from '../db/connection.js';
import type { Cache, OpenOptions } from '../db/connection.js';
import { tempDir } from '../db/test-fixtures.js';
import { createSyncEngine } from './engine.js';
import type { SyncEngine, SyncEngineOptions } from './engine.js';
import type { SyncEvent } from './events.js';

export const DEMO_LOGIN = { login: 'lea', password: 'demo' } as const;

/** Retries fast enough for tests (the engine's real policy waits seconds). */
export const FAST_RETRY = { maxAttempts: 12, baseDelayMs: 5, maxDelayMs: 60, maxRetryAfterMs: 2_000 };

/** What the tests need of a running backend (the backend itself is imported by the *.test.ts files only). */
export interface BackendUnderTest {
  url: string;
}

/** Options for startReferenceBackend: a seeded backend on a temp file, port 0, fast heartbeats and pushes. */
export function backendOptions(tickets: number, extra: { heartbeatMs?: number } = {}) {
  return {
    dbPath: path.join(tempDir('backend'), 'backend.db'),
    port: 0,
    seed: { seed: 7, tickets },
    demo: true,
    testEndpoints: true,
    heartbeatMs: extra.heartbeatMs ?? 200,
    pushDebounceMs: 10,
  };
}

export interface EngineUnderTest {
  cache: Cache;
  engine: SyncEngine;
  events: SyncEvent[];
  file: string;
  close(): Promise<void>;
}

export function engineFor(
  backend: BackendUnderTest,
  options: Partial<Omit<SyncEngineOptions, 'cache' | 'onEvent'>> = {},
): EngineUnderTest {
  return consoleOn(path.join(tempDir('cache'), 'cache.db'), backend.url, { engine: options });
}

/**
 * A console on a given cache file and backend address (tests that restart the backend or the console on
 * the same files): the cache opened with `open`, the engine with the tests' fast retries and no push.
 */
export function consoleOn(
  file: string,
  baseUrl: string,
  o: { open?: OpenOptions; engine?: Partial<Omit<SyncEngineOptions, 'cache' | 'onEvent'>> } = {},
): EngineUnderTest {
  const cache = openCache(file, o.open);
  const events: SyncEvent[] = [];
  const engine = createSyncEngine({
    cache,
    baseUrl,
    ...DEMO_LOGIN,
    retry: FAST_RETRY,
    push: false,
    ...o.engine,
    onEvent: (e) => events.push(e),
  });
  return {
    cache,
    engine,
    events,
    file,
    async close() {
      await engine.stop();
      cache.close();
    },
  };
}

/** Polls `check` every few ms until it holds; returns the time it took. Bounded by `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - start;
}

/** Linux: the nice value of each thread of this process, by thread id (field 19 of /proc/<tid>/stat). */
export function threadNiceValues(): Map<string, number> {
  const nice = (tid: string): number => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    // Fields counted after the parenthesised name, which may itself hold spaces.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  };
  return new Map(readdirSync('/proc/self/task').map((tid) => [tid, nice(tid)]));
}
