/**
 * Starts a backend on 127.0.0.1:0 over a temp database, with small HTTP helpers for tests. The database is
 * a SQLite file, or with BACKEND_TEST_STORAGE=postgres (vitest's `postgres` project) a fresh PostgreSQL
 * database: the backend's suite runs on both storages unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MutationName } from '../../shared/mutations.js';
import { mutationPath } from '../../shared/mutations.js';
import { PATHS } from '../../shared/sync-protocol.js';
import type { LoginResponse } from '../../shared/sync-protocol.js';
import { startBackend } from '../backend.js';
import type { BackendOptions, ReferenceBackend, Seeder, StartedBackend } from '../backend.js';
import type { SqlSession } from '../db/sql.js';
import { seedDataset } from '../seed/index.js';
import type { SeedOptions } from '../seed/index.js';
import { FIXTURE_TIME, fixtureSeed } from './fixture-seed.js';
import { createTempPostgresDatabase } from './postgres.js';
import type { FixtureOptions } from './fixture-seed.js';
import { storedCopiesOf } from './stored-copies.js';

export interface TestBackend extends ReferenceBackend {
  dir: string;
  /** The SQLite file (unused on PostgreSQL). */
  dbPath: string;
  /** The options that open this database again (a restart): its file, or its PostgreSQL URL. */
  database: { dbPath: string } | { databaseUrl: string };
  /**
   * This backend's own storage, while it runs: tests read what landed (a hash, a view, a row) with SQL both
   * dialects speak (`?` placeholders), on SQLite and on PostgreSQL alike. Reads only, but for a row no record
   * refers to, put as the seed would (role-matrix's attachment): a write here bypasses seqs and history.
   */
  sql: SqlSession;
  /** Where the database still holds `text`: files (SQLite) or table.columns (PostgreSQL); see stored-copies.ts. */
  storedCopiesOf(text: string): Promise<string[]>;
  /** Closes the backend and removes its folder. */
  dispose(): Promise<void>;
}

/** Default clock: Monday 2 March 2026, 09:00 in Zurich (inside business hours). */
export const TEST_NOW = new Date(FIXTURE_TIME);

/** A backend over the tiny fixture dataset (fixture-seed.ts). */
export function startTestBackend(opts: Partial<BackendOptions<FixtureOptions>> = {}): Promise<TestBackend> {
  return startWith(fixtureSeed, { seed: {}, ...opts });
}

/** A backend over the demo dataset (seed/), for tests that need its realistic data; `seed` sets its size. */
export function startSeededTestBackend(
  opts: Partial<BackendOptions<SeedOptions>> & { seed: SeedOptions },
): Promise<TestBackend> {
  return startWith(seedDataset, opts);
}

async function startWith<S>(seeder: Seeder<S>, opts: Partial<BackendOptions<S>>): Promise<TestBackend> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ref-backend-'));
  const dbPath = path.join(dir, 'backend.sqlite');
  // A database the caller names (a restart) is used as is, and not dropped by this backend's dispose.
  const named =
    opts.databaseUrl !== undefined
      ? { databaseUrl: opts.databaseUrl }
      : opts.dbPath !== undefined
        ? { dbPath: opts.dbPath }
        : null;
  const postgres = !named && isPostgresRun() ? await createTempPostgresDatabase() : null;
  const database = named ?? (postgres ? { databaseUrl: postgres.url } : { dbPath });
  let backend: StartedBackend;
  try {
    backend = await startBackend({ ...database, demo: true, now: () => TEST_NOW, ...opts }, seeder);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    await postgres?.drop();
    throw err;
  }
  return {
    ...backend,
    dir,
    dbPath,
    database,
    sql: backend.db,
    storedCopiesOf: (text) => storedCopiesOf(backend.db, database, text),
    async dispose() {
      await backend.close();
      fs.rmSync(dir, { recursive: true, force: true });
      await postgres?.drop();
    },
  };
}

/** True in vitest's `postgres` project: the backend's tests run on PostgreSQL. */
export function isPostgresRun(): boolean {
  return process.env.BACKEND_TEST_STORAGE === 'postgres';
}

export async function login(url: string, user: string, password = 'demo'): Promise<string> {
  const res = await fetch(url + PATHS.login, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: user, password }),
  });
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status}`);
  return ((await res.json()) as LoginResponse).token;
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export async function call(
  url: string,
  method: string,
  pathname: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url + pathname, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, text, body };
}

let keyCounter = 0;

export function mutate(
  url: string,
  token: string,
  name: MutationName,
  id: string,
  body: unknown,
  key = `key-${++keyCounter}-${Date.now()}`,
): Promise<JsonAnswer> {
  return call(url, 'POST', mutationPath(name, id), { token, body, headers: { 'idempotency-key': key } });
}

/** Error reason of an ApiError answer. */
export function reasonOf(a: JsonAnswer): string | undefined {
  return (a.body as { error?: { reason?: string } }).error?.reason;
}
