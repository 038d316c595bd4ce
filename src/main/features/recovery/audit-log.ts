/** The audit log screen's rows: the cache's entries, each with the name of the agent who acted. */
import type { AuditQuery, AuditRow } from '../../../shared/ipc-recovery.js';
import type { AuditReader } from '../../db/audit-reader.js';
import type { CacheReader } from '../../db/types.js';
import { agentName } from './queue.js';

export function readAudit(audit: AuditReader, reader: CacheReader, q: AuditQuery): AuditRow[] {
  const names = new Map<string, string>();
  return audit.entries(q).map((entry) => {
    let name = names.get(entry.agentId);
    if (name === undefined) {
      name = agentName(reader, entry.agentId);
      names.set(entry.agentId, name);
    }
    return { ...entry, agentName: name };
  });
}
