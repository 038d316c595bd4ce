import type { Migration } from './types.js';

/**
 * The first schema. Landed migrations are never edited: a change is a new file.
 *
 * Choices worth knowing:
 * - tickets has an explicit `rid INTEGER PRIMARY KEY`: the FTS index and the
 *   keyset pagination refer to it, and an implicit rowid may be renumbered by VACUUM.
 * - Ticket bodies (~1 KB each) live in ticket_bodies, keyed by the same rid:
 *   the tickets table stays narrow, so queue scans and building an index
 *   read a fifth of the pages (at 1M tickets, rebuilding the five queue
 *   indexes after a bulk load took 13 s with bodies inline).
 * - No foreign keys: the feed may deliver a reference before its target.
 * - One composite index per queue shape, ending in the sort column, so each
 *   queue is a range scan in order (no temporary B-tree).
 * - Arrays and nested objects are JSON text; everything a query filters or
 *   sorts on is a real column.
 */
const SQL = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value ANY
) STRICT;

CREATE TABLE categories (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  names TEXT NOT NULL,
  position INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  roles TEXT NOT NULL,
  languages TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  type TEXT NOT NULL,
  customer_number TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  organisation_name TEXT,
  registered_emails TEXT NOT NULL,
  language TEXT NOT NULL,
  priority_support_until TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX accounts_customer_number ON accounts (customer_number);

CREATE TABLE tickets (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,
  account_id TEXT,
  channel TEXT NOT NULL,
  category_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  requester_name TEXT NOT NULL,
  requester_email TEXT NOT NULL,
  language TEXT NOT NULL,
  callback_phone TEXT,
  attachments TEXT NOT NULL,
  assignee_id TEXT,
  duplicate_of_id TEXT,
  level INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX tickets_category_queue ON tickets (category_id, status, updated_at);
CREATE INDEX tickets_assignee_queue ON tickets (assignee_id, status, updated_at);
CREATE INDEX tickets_status_queue ON tickets (status, updated_at);
CREATE INDEX tickets_level_queue ON tickets (level, status, updated_at);
CREATE INDEX tickets_account ON tickets (account_id, updated_at);

CREATE TABLE ticket_bodies (
  rid INTEGER PRIMARY KEY,
  body TEXT NOT NULL
) STRICT;

CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  ticket_id TEXT NOT NULL,
  author_agent_id TEXT,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX messages_ticket ON messages (ticket_id, created_at);

CREATE TABLE recovery_requests (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  fields TEXT NOT NULL,
  language TEXT NOT NULL,
  matched_account_id TEXT,
  documents TEXT NOT NULL,
  decision TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX recovery_queue ON recovery_requests (status, created_at);
CREATE INDEX recovery_account ON recovery_requests (matched_account_id, created_at);

CREATE TABLE callbacks (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  ticket_id TEXT NOT NULL,
  expert_id TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  phone TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX callbacks_expert_day ON callbacks (expert_id, starts_at);
CREATE INDEX callbacks_status_day ON callbacks (status, starts_at);
CREATE INDEX callbacks_day ON callbacks (starts_at);
CREATE INDEX callbacks_ticket ON callbacks (ticket_id, starts_at);

-- Records the feed delivered but the contract rejects: kept aside, never lost.
CREATE TABLE sync_problems (
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) STRICT;

-- Counting on demand costs ~150 ms at 1M tickets; triggers keep this exact.
CREATE TABLE ticket_counts (
  category_id TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (category_id, status)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER tickets_count_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_counts (category_id, status, n) VALUES (new.category_id, new.status, 1)
    ON CONFLICT (category_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tickets_count_update AFTER UPDATE OF category_id, status ON tickets
  WHEN old.category_id IS NOT new.category_id OR old.status IS NOT new.status BEGIN
  UPDATE ticket_counts SET n = n - 1 WHERE category_id = old.category_id AND status = old.status;
  INSERT INTO ticket_counts (category_id, status, n) VALUES (new.category_id, new.status, 1)
    ON CONFLICT (category_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER tickets_count_delete AFTER DELETE ON tickets BEGIN
  UPDATE ticket_counts SET n = n - 1 WHERE category_id = old.category_id AND status = old.status;
END;

-- Search. A per-row FTS trigger makes bulk loads ~7x slower, so rows are
-- indexed in background chunks by rid up to a watermark (meta
-- fts_indexed_upto); the triggers keep the index right only at or below it.
-- The writer stores a ticket row first, then its body: FTS rows are added
-- when the body arrives and always hold the current (subject, body) pair.
CREATE VIEW ticket_search AS
  SELECT t.rid AS rid, t.subject AS subject, b.body AS body FROM tickets t JOIN ticket_bodies b ON b.rid = t.rid;
CREATE VIRTUAL TABLE tickets_fts USING fts5 (
  subject, body,
  content = 'ticket_search', content_rowid = 'rid',
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO meta (key, value) VALUES ('fts_indexed_upto', 0);

CREATE TRIGGER ticket_bodies_fts_insert AFTER INSERT ON ticket_bodies
  WHEN new.rid <= (SELECT value FROM meta WHERE key = 'fts_indexed_upto') BEGIN
  INSERT INTO tickets_fts (rowid, subject, body) SELECT new.rid, subject, new.body FROM tickets WHERE rid = new.rid;
END;
CREATE TRIGGER ticket_bodies_fts_update AFTER UPDATE OF body ON ticket_bodies
  WHEN new.rid <= (SELECT value FROM meta WHERE key = 'fts_indexed_upto') AND old.body IS NOT new.body BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, subject, body) SELECT 'delete', old.rid, subject, old.body FROM tickets WHERE rid = old.rid;
  INSERT INTO tickets_fts (rowid, subject, body) SELECT new.rid, subject, new.body FROM tickets WHERE rid = new.rid;
END;
CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject ON tickets
  WHEN old.rid <= (SELECT value FROM meta WHERE key = 'fts_indexed_upto') AND old.subject IS NOT new.subject BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, subject, body) SELECT 'delete', old.rid, old.subject, body FROM ticket_bodies WHERE rid = old.rid;
  INSERT INTO tickets_fts (rowid, subject, body) SELECT new.rid, new.subject, body FROM ticket_bodies WHERE rid = new.rid;
END;
CREATE TRIGGER tickets_delete AFTER DELETE ON tickets BEGIN
  INSERT INTO tickets_fts (tickets_fts, rowid, subject, body)
    SELECT 'delete', old.rid, old.subject, body FROM ticket_bodies
     WHERE rid = old.rid AND old.rid <= (SELECT value FROM meta WHERE key = 'fts_indexed_upto');
  DELETE FROM ticket_bodies WHERE rid = old.rid;
END;
`;

export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SQL);
  },
};
