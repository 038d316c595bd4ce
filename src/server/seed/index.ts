/**
 * The reference backend's demo and benchmark data. See README.md.
 *
 * Deterministic: the same options give byte-identical records (a seeded
 * PRNG, timestamps derived from `now`, which defaults to a fixed instant).
 * Streaming: rows reach the sink in batches, and nothing proportional to the
 * ticket count is kept except a compact plan of the messages to write.
 */
import type { Account } from '../../shared/entities.js';
import { emitCallbacks } from './callbacks.js';
import { emitMessages } from './messages.js';
import { accountRecord } from './people.js';
import { emitRecoveries } from './recovery.js';
import type { SeedSink } from './sink.js';
import { Batcher } from './sink.js';
import { buildCategories } from './staff.js';
import { emitTickets } from './tickets.js';
import type { Counts } from './world.js';
import { DAY_MS, DEFAULT_NOW, buildWorld } from './world.js';

export type { SeedSink } from './sink.js';
export { DEMO_AGENTS, INTAKE_LOGIN } from './staff.js';
export type { DemoAgent } from './staff.js';
export { DEFAULT_NOW } from './world.js';

export interface SeedOptions {
  seed: number;
  accounts?: number;
  tickets?: number;
  recoveries?: number;
  callbacks?: number;
  /** The instant the data is "as of"; defaults to DEFAULT_NOW, never the clock. */
  now?: Date;
}

/** What the embedded demo gets when a count is not given. */
export const DEFAULT_COUNTS = { accounts: 300, tickets: 2000, recoveries: 60, callbacks: 40 } as const;
/** Generated colleagues besides the four demo logins. */
const GENERATED_AGENTS = 20;

function count(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`seed option ${name} must be a non-negative integer`);
  return v;
}

export function seedDataset(sink: SeedSink, opts: SeedOptions): void {
  if (!Number.isFinite(opts.seed)) throw new RangeError('seed option seed must be a finite number');
  const counts: Counts = {
    accounts: count(opts.accounts, DEFAULT_COUNTS.accounts, 'accounts'),
    tickets: count(opts.tickets, DEFAULT_COUNTS.tickets, 'tickets'),
    recoveries: count(opts.recoveries, DEFAULT_COUNTS.recoveries, 'recoveries'),
    callbacks: count(opts.callbacks, DEFAULT_COUNTS.callbacks, 'callbacks'),
    agents: GENERATED_AGENTS,
  };
  const now = new Date(opts.now?.getTime() ?? DEFAULT_NOW.getTime());
  if (Number.isNaN(now.getTime())) throw new RangeError('seed option now is not a valid date');
  const world = buildWorld(opts.seed, now, counts);

  // Reference data is older than everything else, so no ticket predates its category.
  const setupAt = new Date(now.getTime() - 800 * DAY_MS).toISOString();
  sink.categories(buildCategories(setupAt));
  sink.agents(world.team.rows.map((r) => ({ ...r, agent: { ...r.agent, roles: [...r.agent.roles] } })));

  const accounts = new Batcher<Account>((rows) => {
    sink.accounts(rows);
  });
  const priorityOf = new Uint8Array(counts.accounts);
  for (let i = 0; i < counts.accounts; i++) {
    const p = world.people.account(i);
    priorityOf[i] = p.priority === 'none' ? 0 : p.priority === 'active' ? 1 : 2;
    // Entitlement purchases bumped the record once.
    accounts.push(accountRecord(p, p.prioritySupportUntil === null ? 1 : 2, setupAt));
  }
  accounts.end();

  const pass = emitTickets(world, sink, priorityOf);
  emitMessages(world, sink, pass.messages);
  emitRecoveries(world, sink);
  emitCallbacks(world, sink, pass.callbackCandidates);
}
