/**
 * The recovery audit log as synced into the cache (kind `audit`): newest
 * first, filtered by time range, agent, action and request.
 */
import type { Database } from 'better-sqlite3';
import type { AuditQuery, AuditRow } from '../../../shared/ipc-recovery.js';
import { rowToRecord, selectColumns, TABLES } from '../../db/schema-map.js';
import type { CacheReader } from '../../db/types.js';
import { agentName } from './queue.js';

const COLUMNS = selectColumns(TABLES.audit);

export function queryAudit(db: Database, reader: CacheReader, q: AuditQuery): AuditRow[] {
  const terms: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | null) => {
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
  const names = new Map<string, string>();
  return rows.map((row) => {
    const entry = rowToRecord('audit', row);
    let name = names.get(entry.agentId);
    if (name === undefined) {
      name = agentName(reader, entry.agentId);
      names.set(entry.agentId, name);
    }
    return { ...entry, agentName: name };
  });
}
