/**
 * PostgreSQL for tests: a fresh database per backend, made on the cluster
 * that SUPPORT_CONSOLE_TEST_POSTGRES points at (a URL whose role may CREATE
 * DATABASE; `.ci/run` starts a local cluster and sets it) and dropped after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The variable that switches the backend's test suite to PostgreSQL (vitest.config.ts). */
export const TEST_POSTGRES_ENV = 'SUPPORT_CONSOLE_TEST_POSTGRES';

/** The cluster to make test databases on, or undefined when none is configured. */
export function testPostgresUrl(): string | undefined {
  const url = process.env[TEST_POSTGRES_ENV];
  return url === undefined || url === '' ? undefined : url;
}

/** `url` with its database replaced (the connection string's path, or its `dbname` parameter). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  u.searchParams.delete('dbname');
  return u.toString();
}

export interface TempPostgresDatabase {
  url: string;
  name: string;
  /** Drops the database, ending the connections still open to it. */
  drop(): Promise<void>;
}

/** Runs `fn` on a connection to the cluster `adminUrl` names, closed after. */
export async function onCluster<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database on the test cluster: empty, or a copy of `template` (a database on the same cluster, made here,
 * that nobody is connected to: PostgreSQL copies it file by file). Throws when no cluster is configured.
 */
export async function createTempPostgresDatabase(
  adminUrl = testPostgresUrl(),
  template?: TempPostgresDatabase,
): Promise<TempPostgresDatabase> {
  if (adminUrl === undefined) throw new Error(`${TEST_POSTGRES_ENV} is not set: no PostgreSQL cluster to test on`);
  // Names are identifiers: made here from hex only, never from input.
  const name = `sc_test_${randomBytes(6).toString('hex')}`;
  const from = template === undefined ? '' : ` TEMPLATE ${template.name}`;
  await onCluster(adminUrl, (c) => c.query(`CREATE DATABASE ${name}${from}`));
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: () =>
      onCluster(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
