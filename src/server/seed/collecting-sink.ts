/**
 * A SeedSink that keeps everything in memory, for tests and for anyone who
 * wants to look at a seed without a database. Records the order of calls so
 * tests can check that references arrive after what they reference.
 */
import type { Account, Callback, Category, RecoveryRequest, Ticket, TicketMessage } from '../../shared/entities.js';
import type { SeedOptions } from './index.js';
import { seedDataset } from './index.js';
import type { SeedAgentRow, SeedSink } from './sink.js';

export interface CollectedSeed {
  readonly categories: Category[];
  readonly agents: SeedAgentRow[];
  readonly accounts: Account[];
  readonly tickets: Ticket[];
  readonly messages: TicketMessage[];
  readonly recoveries: RecoveryRequest[];
  readonly callbacks: Callback[];
  readonly documents: Map<string, Uint8Array>;
  /** One entry per sink call, e.g. "tickets:1000". */
  readonly calls: string[];
}

export function collectSeed(opts: SeedOptions): CollectedSeed {
  const out: CollectedSeed = {
    categories: [],
    agents: [],
    accounts: [],
    tickets: [],
    messages: [],
    recoveries: [],
    callbacks: [],
    documents: new Map(),
    calls: [],
  };
  const note = (kind: string, n: number): void => {
    out.calls.push(`${kind}:${n}`);
  };
  const sink: SeedSink = {
    categories: (rows) => {
      note('categories', rows.length);
      out.categories.push(...rows);
    },
    agents: (rows) => {
      note('agents', rows.length);
      out.agents.push(...rows);
    },
    accounts: (rows) => {
      note('accounts', rows.length);
      out.accounts.push(...rows);
    },
    tickets: (rows) => {
      note('tickets', rows.length);
      out.tickets.push(...rows);
    },
    messages: (rows) => {
      note('messages', rows.length);
      out.messages.push(...rows);
    },
    recoveries: (rows) => {
      note('recoveries', rows.length);
      out.recoveries.push(...rows);
    },
    callbacks: (rows) => {
      note('callbacks', rows.length);
      out.callbacks.push(...rows);
    },
    documents: (rows) => {
      note('documents', rows.length);
      for (const r of rows) out.documents.set(r.id, r.bytes);
    },
  };
  seedDataset(sink, opts);
  return out;
}
