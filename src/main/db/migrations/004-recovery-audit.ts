import type { Migration } from './types.js';

/**
 * The recovery audit log (entity kind `audit`): every verifier
 * decision and every view of an identity document, synced from the backend
 * (the authority) so a verifier can filter and export it offline. Entries are
 * never changed once written. The log is read newest first, by request, by
 * agent or by action, always within a time range.
 */
const SQL = `
CREATE TABLE audit_entries (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  action TEXT NOT NULL,
  recovery_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  at TEXT NOT NULL,
  document_id TEXT,
  checklist TEXT NOT NULL,
  reason_code TEXT,
  document_kind TEXT,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX audit_at ON audit_entries (at);
CREATE INDEX audit_recovery ON audit_entries (recovery_id, at);
CREATE INDEX audit_agent ON audit_entries (agent_id, at);
`;

export const migration004RecoveryAudit: Migration = {
  version: 4,
  name: '004-recovery-audit',
  up(db) {
    db.exec(SQL);
  },
};
