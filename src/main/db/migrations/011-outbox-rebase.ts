import type { Migration } from './types.js';

/**
 * What the outbox needs to tell a real conflict from a change elsewhere in
 * the ticket. A 409 `stale_version` only says that the version moved; the
 * action is resent silently when the fields it changes still hold the values
 * the agent acted on, so those values must be known after the feed has moved
 * `outbox_base` past them:
 *
 * - `outbox_base_seen` keeps every backend copy a ticket's base has been,
 *   while the ticket has entries (each entry names the version it sat on);
 * - `outbox_rebased` marks the entries already resent on top of a newer
 *   version: a second 409 for one of them is a conflict the agent decides.
 *
 * Bases held at the time of the upgrade are copied over, so entries queued by
 * the previous build keep their chance of a silent resend.
 */
const SQL = `
CREATE TABLE outbox_base_seen (
  ticket_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (ticket_id, version)
) STRICT;
INSERT INTO outbox_base_seen (ticket_id, version, record) SELECT ticket_id, version, record FROM outbox_base;

CREATE TABLE outbox_rebased (
  action_id TEXT PRIMARY KEY
) STRICT;
`;

export const migration011OutboxRebase: Migration = {
  version: 11,
  name: 'outbox-rebase',
  up(db) {
    db.exec(SQL);
  },
};
