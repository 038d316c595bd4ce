import type { Migration } from './types.js';

/**
 * The backend now writes a document view itself, as it serves the bytes,
 * with what it served (sha256, size, real format): kept in the audit log
 * after the bytes are deleted. Older entries have none (NULL, and the
 * field stays absent from the record, as the backend sends it).
 */
export const migration009AuditServed: Migration = {
  version: 9,
  name: 'audit-served',
  up(db) {
    db.exec('ALTER TABLE audit_entries ADD COLUMN served TEXT');
  },
};
