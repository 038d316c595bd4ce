import type { Migration } from './types.js';

/**
 * The outbox: actions the agent took that the backend has not confirmed yet
 * (or refused and the agent has not resolved). Written in the same
 * transaction as the action's local effect on the ticket row, so an action is
 * never shown without being queued, nor queued without being shown.
 *
 * - `seq` orders sending (oldest first) and replaying onto the ticket row;
 *   AUTOINCREMENT so a number is never reused, even after the newest entry goes.
 * - `action_id` is the Idempotency-Key: unique, and new only when the agent
 *   chooses "apply mine again".
 * - `actor` is the login that acted: entries are sent only with that login's token.
 * - `outbox_base` keeps, per ticket with entries, the backend's own copy of the
 *   ticket: the row shows it plus the pending actions, and whenever the entries
 *   change (confirmed, refused, resolved) the row is rebuilt from it. The row's
 *   version always equals the base's, so the feed's version guard keeps working.
 */
const SQL = `
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  action_id TEXT NOT NULL UNIQUE,
  ticket_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'conflict', 'rejected')),
  attempts INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  message TEXT,
  theirs TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
-- A ticket's entries in order (detail view, rebuilding the row, queue marks).
CREATE INDEX outbox_ticket ON outbox (ticket_id, seq);
-- The next entry to send, and the counts of the status bar.
CREATE INDEX outbox_state ON outbox (state, seq);

CREATE TABLE outbox_base (
  ticket_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  record TEXT NOT NULL
) STRICT;
`;

export const migration002Outbox: Migration = {
  version: 2,
  name: 'outbox',
  up(db) {
    db.exec(SQL);
  },
};
