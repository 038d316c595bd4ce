/**
 * The callbacks' reads from the cache: a day of calls (one expert or the
 * team), the experts with their calendars, the calls that still hold slots,
 * a ticket's calls. Rows are rebuilt through the schema map, like every
 * cache read; each list is an index range scan in `starts_at` order.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Agent, Callback } from '../../shared/entities.js';
import { buildCallbacksQuery } from './queue-queries.js';
import { TABLES, rowToRecord, selectColumns } from './schema-map.js';

export interface CallbacksReader {
  /** Calls starting in [fromIso, toIso), of one expert or of everyone, in calendar order. */
  between(fromIso: string, toIso: string, expertId?: string): Callback[];
  /** Every agent with the expert role, by name. */
  experts(): Agent[];
  /** Scheduled calls ending after `fromIso` (the slots still held). */
  scheduledFrom(fromIso: string): Callback[];
  /** A ticket's calls, in calendar order. */
  ofTicket(ticketId: string): Callback[];
  /** The expert's first scheduled call starting at or after `fromIso`, or null. */
  nextScheduled(fromIso: string, expertId: string): Callback | null;
}

type Row = Record<string, unknown>;

export function createCallbacksReader(db: Database): CallbacksReader {
  const agentCols = selectColumns(TABLES.agent);
  const cbCols = selectColumns(TABLES.callback);
  const agents = db.prepare(`SELECT ${agentCols} FROM agents t ORDER BY name, id`);
  const scheduled = db.prepare(
    `SELECT ${cbCols} FROM callbacks t WHERE status = 'scheduled' AND ends_at > ? ORDER BY starts_at LIMIT 5000`,
  );
  const ofTicket = db.prepare(`SELECT ${cbCols} FROM callbacks t WHERE ticket_id = ? ORDER BY starts_at LIMIT 200`);
  // The (expert_id, starts_at) index answers this with one seek.
  const nextOf = db.prepare(
    `SELECT ${cbCols} FROM callbacks t WHERE expert_id = ? AND starts_at >= ? AND status = 'scheduled' ORDER BY starts_at LIMIT 1`,
  );
  const callbacks = (rows: unknown[]): Callback[] => (rows as Row[]).map((r) => rowToRecord('callback', r));
  return {
    between(fromIso, toIso, expertId) {
      const q = buildCallbacksQuery(fromIso, toIso, expertId);
      return callbacks(db.prepare(q.sql).all(...q.params));
    },
    experts: () =>
      (agents.all() as Row[]).map((r) => rowToRecord('agent', r)).filter((a) => a.roles.includes('expert')),
    scheduledFrom: (fromIso) => callbacks(scheduled.all(fromIso)),
    ofTicket: (ticketId) => callbacks(ofTicket.all(ticketId)),
    nextScheduled: (fromIso, expertId) => callbacks(nextOf.all(expertId, fromIso))[0] ?? null,
  };
}
