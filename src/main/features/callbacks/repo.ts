/**
 * The callbacks feature's reads from the cache (the owner connection, read
 * only): experts with their calendars, the calls that hold slots, a ticket's
 * calls. Rows are rebuilt through the schema map, like every cache read.
 */
import type { Database } from 'better-sqlite3';
import type { Agent, Callback } from '../../../shared/entities.js';
import { TABLES, rowToRecord, selectColumns } from '../../db/schema-map.js';

export interface CallbacksRepo {
  /** Every agent with the expert role, by name. */
  experts(): Agent[];
  /** Scheduled calls ending after `fromIso` (the slots still held). */
  scheduledFrom(fromIso: string): Callback[];
  /** A ticket's calls, in calendar order. */
  ofTicket(ticketId: string): Callback[];
}

export function createCallbacksRepo(db: Database): CallbacksRepo {
  const agentCols = selectColumns(TABLES.agent);
  const cbCols = selectColumns(TABLES.callback);
  const agents = db.prepare(`SELECT ${agentCols} FROM agents t ORDER BY name, id`);
  const scheduled = db.prepare(
    `SELECT ${cbCols} FROM callbacks t WHERE status = 'scheduled' AND ends_at > ? ORDER BY starts_at LIMIT 5000`,
  );
  const ofTicket = db.prepare(`SELECT ${cbCols} FROM callbacks t WHERE ticket_id = ? ORDER BY starts_at LIMIT 200`);
  const rows = (rs: unknown[]): Record<string, unknown>[] => rs as Record<string, unknown>[];
  return {
    experts: () =>
      rows(agents.all())
        .map((r) => rowToRecord('agent', r))
        .filter((a) => a.roles.includes('expert')),
    scheduledFrom: (fromIso) => rows(scheduled.all(fromIso)).map((r) => rowToRecord('callback', r)),
    ofTicket: (ticketId) => rows(ofTicket.all(ticketId)).map((r) => rowToRecord('callback', r)),
  };
}
