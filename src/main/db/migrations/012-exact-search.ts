import type { Migration } from './types.js';

/**
 * Exact lookups for the queue's search (a requester's e-mail, a domain):
 * the full-text index cuts addresses into words, and a scan of 1M tickets
 * for `lower(requester_email) = ?` takes hundreds of milliseconds.
 *
 * - Two expression indexes on the requester's address: the whole address and
 *   its domain, both in lower case (addresses are compared case-insensitively).
 *   Each is keyed by its value then rid, so "the newest matches" is a
 *   backward range scan that stops at the cap, even for a mail provider's
 *   domain held by a large part of the tickets. The queries repeat these
 *   expressions verbatim, or SQLite would not use the indexes. Neither
 *   column ever changes after a ticket is created, so live changes never
 *   move their entries.
 * - `account_domains`: the domains of each account's registered e-mails
 *   (an account has no domain field; its addresses carry them), kept by
 *   triggers on `accounts` and filled here from the accounts already synced.
 *   The account list is the feed's JSON array: json_each reads it in SQL.
 */
const SQL = `
CREATE INDEX tickets_requester_email_ci ON tickets (lower(requester_email));
CREATE INDEX tickets_requester_domain ON tickets (lower(substr(requester_email, instr(requester_email, '@') + 1)));

CREATE TABLE account_domains (
  domain TEXT NOT NULL,
  account_id TEXT NOT NULL,
  PRIMARY KEY (domain, account_id)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO account_domains (domain, account_id)
  SELECT lower(substr(e.value, instr(e.value, '@') + 1)), a.id FROM accounts a, json_each(a.registered_emails) e
   WHERE instr(e.value, '@') > 0;

CREATE TRIGGER accounts_domains_insert AFTER INSERT ON accounts BEGIN
  INSERT OR IGNORE INTO account_domains (domain, account_id)
    SELECT lower(substr(e.value, instr(e.value, '@') + 1)), new.id FROM json_each(new.registered_emails) e
     WHERE instr(e.value, '@') > 0;
END;
CREATE TRIGGER accounts_domains_update AFTER UPDATE OF id, registered_emails ON accounts BEGIN
  DELETE FROM account_domains WHERE account_id = old.id
    AND domain IN (SELECT lower(substr(e.value, instr(e.value, '@') + 1)) FROM json_each(old.registered_emails) e);
  INSERT OR IGNORE INTO account_domains (domain, account_id)
    SELECT lower(substr(e.value, instr(e.value, '@') + 1)), new.id FROM json_each(new.registered_emails) e
     WHERE instr(e.value, '@') > 0;
END;
CREATE TRIGGER accounts_domains_delete AFTER DELETE ON accounts BEGIN
  DELETE FROM account_domains WHERE account_id = old.id
    AND domain IN (SELECT lower(substr(e.value, instr(e.value, '@') + 1)) FROM json_each(old.registered_emails) e);
END;
`;

export const migration012ExactSearch: Migration = {
  version: 12,
  name: 'exact-search',
  up(db) {
    db.exec(SQL);
  },
};
