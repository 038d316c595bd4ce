/**
 * The reference backend's own database: one SQLite file, WAL, migrations
 * tracked with PRAGMA user_version. It is unrelated to the console's cache
 * (src/main/db): a provider replaces all of this with its helpdesk.
 */
// One native SQLite module for the whole project (the console encrypts its cache with it): the backend opens
// its file without a key, plain SQLite. Its files type the connection with @types/better-sqlite3, the same API.
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';

/** Record table of a kind. Names come from ENTITY_KINDS, never from a request. */
export function tableOf(kind: EntityKind): string {
  return `rec_${kind}`;
}

interface Migration {
  readonly name: string;
  up(db: Db): void;
}

/**
 * Each record table keeps the canonical wire JSON in `data` so a feed page is
 * plain string concatenation, plus the columns we filter on. `rid` is the
 * integer row id (fast id-order scans), `id` the wire id. `urgent` is
 * precomputed on write because the bootstrap splits on it.
 */
function recordTable(kind: EntityKind, extra = ''): string {
  const t = tableOf(kind);
  return `
    CREATE TABLE ${t} (
      rid INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      seq INTEGER NOT NULL,
      version INTEGER NOT NULL,
      urgent INTEGER NOT NULL,
      data TEXT NOT NULL${extra}
    );
    CREATE UNIQUE INDEX ${t}_seq ON ${t}(seq);
    CREATE INDEX ${t}_urgent ON ${t}(urgent);`;
}

const MIGRATIONS: readonly Migration[] = [
  {
    name: '001-initial',
    up(db) {
      for (const kind of ENTITY_KINDS) {
        if (kind === 'message') db.exec(recordTable(kind, ',\n      ticket_id TEXT NOT NULL'));
        else if (kind === 'callback')
          db.exec(
            recordTable(
              kind,
              ',\n      ticket_id TEXT NOT NULL, expert_id TEXT NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, status TEXT NOT NULL',
            ),
          );
        else db.exec(recordTable(kind));
      }
      db.exec(`
        CREATE INDEX rec_message_ticket ON rec_message(ticket_id);
        CREATE INDEX rec_callback_ticket ON rec_callback(ticket_id);
        CREATE INDEX rec_callback_expert ON rec_callback(expert_id, status, starts_at);
        -- Lookup keys for matching a recovery request to an account.
        CREATE TABLE account_key (
          account_id TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('customer', 'email', 'domain')),
          value TEXT NOT NULL
        );
        CREATE INDEX account_key_value ON account_key(kind, value);
        CREATE INDEX account_key_account ON account_key(account_id);
        -- Deletes, delivered by the live phase only (a bootstrap never needs them).
        CREATE TABLE tombstone (
          kind TEXT NOT NULL,
          id TEXT NOT NULL,
          seq INTEGER NOT NULL UNIQUE,
          PRIMARY KEY (kind, id)
        );
        CREATE TABLE credential (
          login TEXT PRIMARY KEY,
          password_hash TEXT NOT NULL,
          agent_id TEXT,
          display_name TEXT NOT NULL,
          extra_roles TEXT NOT NULL DEFAULT '[]'
        );
        CREATE TABLE token (
          hash TEXT PRIMARY KEY,
          login TEXT NOT NULL REFERENCES credential(login),
          created_at TEXT NOT NULL
        );
        CREATE TABLE idempotency (
          principal TEXT NOT NULL,
          key TEXT NOT NULL,
          request_hash TEXT NOT NULL,
          status INTEGER NOT NULL,
          body TEXT NOT NULL,
          created_at TEXT NOT NULL,
          PRIMARY KEY (principal, key)
        );
        CREATE TABLE document (
          id TEXT PRIMARY KEY,
          bytes BLOB NOT NULL,
          size INTEGER NOT NULL,
          sha256 TEXT NOT NULL
        );
        -- Approved recoveries: what "performing the reset" means here.
        CREATE TABLE reset (
          id INTEGER PRIMARY KEY,
          recovery_id TEXT NOT NULL,
          account_id TEXT NOT NULL,
          reset_email TEXT NOT NULL,
          agent_id TEXT NOT NULL,
          performed_at TEXT NOT NULL
        );`);
    },
  },
  {
    // The recovery audit log. A database created after `audit` joined ENTITY_KINDS got the
    // table from 001's loop already, hence IF NOT EXISTS.
    name: '002-recovery-audit',
    up(db) {
      db.exec(`
        CREATE TABLE IF NOT EXISTS rec_audit (
          rid INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          seq INTEGER NOT NULL,
          version INTEGER NOT NULL,
          urgent INTEGER NOT NULL,
          data TEXT NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS rec_audit_seq ON rec_audit(seq);
        CREATE INDEX IF NOT EXISTS rec_audit_urgent ON rec_audit(urgent);`);
    },
  },
  {
    // Identity documents are personal data: each knows its request and when that request was decided,
    // so the purge job can delete its bytes after the retention (the row stays: hash, size, when purged).
    // `bytes` keeps its NOT NULL from 001: a purged row holds an empty blob and purged_at says why.
    // Every view the backend served is a row of document_view beside its audit entry, so an approval
    // can check that its verifier downloaded each document without scanning the audit log.
    name: '003-document-retention',
    up(db) {
      db.exec(`
        ALTER TABLE document ADD COLUMN recovery_id TEXT;
        ALTER TABLE document ADD COLUMN decided_at TEXT;
        ALTER TABLE document ADD COLUMN purged_at TEXT;
        CREATE INDEX document_recovery ON document(recovery_id);
        CREATE INDEX document_due ON document(decided_at) WHERE purged_at IS NULL AND decided_at IS NOT NULL;
        CREATE TABLE document_view (
          id INTEGER PRIMARY KEY,
          document_id TEXT NOT NULL,
          recovery_id TEXT NOT NULL,
          agent_id TEXT NOT NULL,
          audit_id TEXT NOT NULL,
          at TEXT NOT NULL
        );
        CREATE INDEX document_view_request ON document_view(recovery_id, agent_id, document_id);
        -- Documents already there: linked to their request, decided ones stamped with the decision's time.
        UPDATE document SET
          recovery_id = r.id,
          decided_at = CASE WHEN json_extract(r.data, '$.status') IN ('approved', 'rejected')
            THEN json_extract(r.data, '$.decision.decidedAt') END
        FROM rec_recovery AS r, json_each(r.data, '$.documents') AS d
        WHERE json_extract(d.value, '$.id') = document.id;`);
    },
  },
  {
    // Tokens that end (sessions, access and refresh tokens), limits on password guessing, and
    // which passwords the logins were made with. The tokens of 001 never expired: they are
    // dropped, and their holders sign in again. Every login made before 004 has a published
    // password (demo, portal), so a database that has logins is marked 'demo'.
    name: '004-sessions-and-login-limits',
    up(db) {
      db.exec(`
        DROP TABLE token;
        CREATE TABLE auth_session (
          id TEXT PRIMARY KEY,
          login TEXT NOT NULL REFERENCES credential(login) ON DELETE CASCADE,
          created_at TEXT NOT NULL,
          -- No token of the session is valid after this instant.
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
          -- A refresh token is spent once.
          used_at TEXT
        );
        CREATE INDEX auth_token_session ON auth_token(session_id);
        -- Failed (or still running) login attempts within the limits' window, any login, known or not.
        CREATE TABLE login_failure (
          id INTEGER PRIMARY KEY,
          login TEXT NOT NULL,
          address TEXT NOT NULL,
          at_ms INTEGER NOT NULL
        );
        CREATE INDEX login_failure_login ON login_failure(login, at_ms);
        CREATE INDEX login_failure_address ON login_failure(address, at_ms);
        CREATE INDEX login_failure_at ON login_failure(at_ms);
        -- Failures of a login in a row, and the lockout they caused.
        CREATE TABLE login_streak (
          login TEXT PRIMARY KEY,
          failures INTEGER NOT NULL,
          last_failure_ms INTEGER NOT NULL,
          locked_until_ms INTEGER
        );
        CREATE TABLE backend_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO backend_meta (key, value) SELECT 'logins', 'demo' WHERE EXISTS (SELECT 1 FROM credential);`);
    },
  },
  {
    // The history's identity (store/history.ts): a hash chain over commits, which a cursor and an
    // action carry their anchor in. Row 0 is random, made here, so no two databases share a chain;
    // the records already in the file become one commit when the record store first opens it.
    name: '005-history-chain',
    up(db) {
      db.exec(`
        CREATE TABLE history (
          seq INTEGER PRIMARY KEY,
          hash BLOB NOT NULL
        );
        INSERT INTO history (seq, hash) VALUES (0, randomblob(32));`);
    },
  },
  {
    // State that lived in the backend process's memory moves into the database, which several
    // processes may share (docs/ARCHITECTURE.md, "Storage"): the sequencer row, read and advanced
    // by every write transaction (the next seq is seq + 1), and the records per kind, kept in the
    // same transactions (a bootstrap's progress total; count(*) over millions of rows is slow).
    name: '006-sequencer-and-counts',
    up(db) {
      const maxima = [
        ...ENTITY_KINDS.map((k) => `SELECT max(seq) AS m FROM ${tableOf(k)}`),
        'SELECT max(seq) AS m FROM tombstone',
        'SELECT max(seq) AS m FROM history',
      ];
      db.exec(`
        CREATE TABLE feed_head (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          seq INTEGER NOT NULL
        );
        INSERT INTO feed_head (id, seq) SELECT 1, coalesce(max(m), 0) FROM (${maxima.join(' UNION ALL ')});
        CREATE TABLE record_count (
          kind TEXT PRIMARY KEY,
          n INTEGER NOT NULL
        );`);
      for (const kind of ENTITY_KINDS) {
        db.exec(`INSERT INTO record_count (kind, n) SELECT '${kind}', count(*) FROM ${tableOf(kind)}`);
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (and creates or upgrades) the backend database. */
/** `nativeBinding`: a better-sqlite3 build other than node_modules' own (the Electron-ABI one, when embedded in the app). */
export function openBackendDb(path: string, nativeBinding?: string): Db {
  const db = new Database(path, nativeBinding === undefined ? {} : { nativeBinding });
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode, which is what a test backend needs.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // A purged identity document must not linger in the file's free pages: SQLite zeroes what it deletes.
  db.pragma('secure_delete = ON');
  // 64 MiB of page cache: seeding a million tickets keeps the id and seq indexes hot.
  db.pragma('cache_size = -65536');
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    db.close();
    throw new Error(`Backend database ${path} has schema ${current}; this build knows up to ${MIGRATIONS.length}.`);
  }
  db.transaction(() => {
    MIGRATIONS.slice(current).forEach((m, i) => {
      m.up(db);
      db.pragma(`user_version = ${current + i + 1}`);
    });
  }).immediate();
  return db;
}
