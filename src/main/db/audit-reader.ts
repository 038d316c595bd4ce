/**
 * The recovery audit log as synced into the cache (kind `audit`): newest
 * first, filtered by time range, agent, action and request.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditEntry } from '../../shared/entities.js';
import type { AuditQuery } from '../../shared/ipc-recovery.js';
import { rowToRecord, selectColumns, TABLES } from './schema-map.js';
import type { SqlValue } from './schema-map.js';

const COLUMNS = selectColumns(TABLES.audit);

export interface AuditReader {
  entries(q: AuditQuery): AuditEntry[];
}

export function createAuditReader(db: Database): AuditReader {
  return {
    entries(q) {
      const terms: string[] = [];
      const params: SqlValue[] = [];
      const add = (sql: string, value: string | null): void => {
        if (value === null) return;
        terms.push(sql);
        params.push(value);
      };
      add('at >= ?', q.from);
      add('at < ?', q.to);
      add('agent_id = ?', q.agentId);
      add('action = ?', q.action);
      add('recovery_id = ?', q.recoveryId);
      const where = terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`;
      const rows = db
        .prepare(`SELECT ${COLUMNS} FROM audit_entries ${where} ORDER BY at DESC, id DESC LIMIT ?`)
        .all(...params, q.limit) as Record<string, unknown>[];
      return rows.map((row) => rowToRecord('audit', row));
    },
  };
}
