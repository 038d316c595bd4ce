/**
 * The reference backend's schema on PostgreSQL: the same tables and meaning as
 * the SQLite one (schema.ts), in PostgreSQL's types. No PostgreSQL database
 * predates the SQLite migrations 001–006, so its first migration is their sum;
 * later changes get a migration in both files, in the same order.
 *
 * Several backend processes may start at once: each applies the missing
 * migrations inside one transaction that first takes an advisory lock, so
 * exactly one of them does the work and the others find it done.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';

interface PostgresMigration {
  readonly name: string;
  readonly sql: string;
}

/** Integer columns are BIGINT: seqs and epoch milliseconds outgrow 32 bits. */
function recordTable(kind: EntityKind, extra = ''): string {
  const t = `rec_${kind}`;
  return `
    CREATE TABLE ${t} (
      rid BIGINT PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      seq BIGINT NOT NULL,
      version BIGINT NOT NULL,
      urgent SMALLINT NOT NULL,
      data TEXT NOT NULL${extra}
    );
    CREATE UNIQUE INDEX ${t}_seq ON ${t}(seq);
    CREATE INDEX ${t}_urgent_rid ON ${t}(urgent, rid);`;
}

function recordTables(): string {
  return ENTITY_KINDS.map((kind) => {
    if (kind === 'message') return recordTable(kind, ',\n      ticket_id TEXT NOT NULL');
    if (kind === 'callback') {
      return recordTable(
        kind,
        ',\n      ticket_id TEXT NOT NULL, expert_id TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, status TEXT NOT NULL',
      );
    }
    return recordTable(kind);
  }).join('\n');
}

const MIGRATIONS: readonly PostgresMigration[] = [
  {
    name: '001-006-initial',
    sql: `
      ${recordTables()}
      CREATE INDEX rec_message_ticket ON rec_message(ticket_id);
      CREATE INDEX rec_callback_ticket ON rec_callback(ticket_id);
      CREATE INDEX rec_callback_expert ON rec_callback(expert_id, status, starts_at);
      CREATE TABLE account_key (
        account_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('customer', 'email', 'domain')),
        value TEXT NOT NULL
      );
      CREATE INDEX account_key_value ON account_key(kind, value);
      CREATE INDEX account_key_account ON account_key(account_id);
      CREATE TABLE tombstone (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        seq BIGINT NOT NULL UNIQUE,
        PRIMARY KEY (kind, id)
      );
      CREATE TABLE credential (
        login TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        agent_id TEXT,
        display_name TEXT NOT NULL,
        extra_roles TEXT NOT NULL DEFAULT '[]'
      );
      CREATE TABLE idempotency (
        principal TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status BIGINT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (principal, key)
      );
      CREATE TABLE document (
        id TEXT PRIMARY KEY,
        bytes BYTEA NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        recovery_id TEXT,
        decided_at TEXT,
        purged_at TEXT
      );
      CREATE INDEX document_recovery ON document(recovery_id);
      CREATE INDEX document_due ON document(decided_at) WHERE purged_at IS NULL AND decided_at IS NOT NULL;
      CREATE TABLE document_view (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document_id TEXT NOT NULL,
        recovery_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        audit_id TEXT NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX document_view_request ON document_view(recovery_id, agent_id, document_id);
      CREATE TABLE reset (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        recovery_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        reset_email TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        performed_at TEXT NOT NULL
      );
      CREATE TABLE auth_session (
        id TEXT PRIMARY KEY,
        login TEXT NOT NULL REFERENCES credential(login) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        revoked_at TEXT,
        revoked_reason TEXT CHECK (revoked_reason IN ('logout', 'refresh_reused'))
      );
      CREATE INDEX auth_session_ends ON auth_session(ends_at);
      CREATE TABLE auth_token (
        hash TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES auth_session(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('access', 'refresh')),
        expires_at TEXT NOT NULL,
        used_at TEXT
      );
      CREATE INDEX auth_token_session ON auth_token(session_id);
      CREATE TABLE login_failure (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        login TEXT NOT NULL,
        address TEXT NOT NULL,
        at_ms BIGINT NOT NULL
      );
      CREATE INDEX login_failure_login ON login_failure(login, at_ms);
      CREATE INDEX login_failure_address ON login_failure(address, at_ms);
      CREATE INDEX login_failure_at ON login_failure(at_ms);
      CREATE TABLE login_streak (
        login TEXT PRIMARY KEY,
        failures BIGINT NOT NULL,
        last_failure_ms BIGINT NOT NULL,
        locked_until_ms BIGINT
      );
      CREATE TABLE backend_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE history (
        seq BIGINT PRIMARY KEY,
        hash BYTEA NOT NULL
      );
      -- The sequencer: every write transaction locks this one row first (postgres.ts).
      CREATE TABLE feed_head (
        id SMALLINT PRIMARY KEY CHECK (id = 1),
        seq BIGINT NOT NULL
      );
      INSERT INTO feed_head (id, seq) VALUES (1, 0);
      -- Records per kind, kept by the write transactions: a bootstrap's progress total without count(*).
      CREATE TABLE record_count (
        kind TEXT PRIMARY KEY,
        n BIGINT NOT NULL
      );
      INSERT INTO record_count (kind, n) VALUES ${ENTITY_KINDS.map((k) => `('${k}', 0)`).join(', ')};`,
  },
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant shared by every backend process: the key of the migrations' advisory lock. */
const MIGRATION_LOCK = 0x5c0de17;

/** Creates or upgrades the schema; refuses a database made by a newer build. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const res = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migration');
    const current = res.rows[0]?.v ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`The backend database has schema ${current}; this build knows up to ${MIGRATIONS.length}.`);
    }
    for (const [i, m] of MIGRATIONS.entries()) {
      if (i < current) continue;
      await client.query(m.sql);
      if (i === 0) {
        // The history's row 0: random per database, so no two share a chain (store/history.ts).
        await client.query('INSERT INTO history (seq, hash) VALUES (0, $1)', [randomBytes(32)]);
      }
      await client.query('INSERT INTO schema_migration (version, name) VALUES ($1, $2)', [i + 1, m.name]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
