/**
 * The chaos scenarios. Each runs consoles against the world's backend, breaks
 * something on purpose, lets the console recover by itself (restarts, retries),
 * then counts what a person would call a failure:
 * - lost: a note the console took (on disk, "queued") that never reached the backend;
 * - duplicated: a note that reached it more than once;
 * - diverged: kinds whose records in the cache differ from the backend's after a final sync;
 * - statusShown: the states the console reported on the way (what the person saw).
 */
import path from 'node:path';
import { NO_FAULTS } from '../src/server/faults.js';
import type { HttpTimeouts } from '../src/main/sync/http.js';
import type { FaultConfig } from '../src/server/faults.js';
import { divergedKinds, messagesOnBackend, refusedNotes, runConsole } from './world.js';
import type { ChaosWorld, ConsoleRun } from './world.js';

export interface ScenarioResult {
  scenario: string;
  runs: number;
  kills: number;
  /** Notes the console took (on disk) during the scenario: each is owed to the backend exactly once. */
  notes: number;
  /** The console never ended a run cleanly after the damage (retrying forever, say): `diverged` is then -1. */
  stuck: boolean;
  /** Notes the console shows refused, with their text (not sent, not lost: the person decides). */
  refused: number;
  /**
   * Queue-first fault scenarios: notes the consoles running under the fault saw confirmed (the rest went
   * with the final clean run). 0 under silence: the backend applies them, its answers never arrive in time.
   */
  sentUnderFault?: number;
  /** Notes applied to a record that was no longer the one they were written on (restored-backend only). */
  misapplied?: number;
  lost: number;
  duplicated: number;
  diverged: number;
  statusShown: string[];
}

export interface ScenarioContext {
  world: ChaosWorld;
  /** How many kills (or rounds) a scenario aims for. */
  n: number;
  random: () => number;
}

export interface Scenario {
  name: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}

/** What the status would have said, from the events a run printed. */
const STATUS_EVENTS: Record<string, (l: Record<string, unknown>) => string | null> = {
  online: () => 'online',
  slow: () => 'slow',
  offline: () => 'offline',
  storage: (l) => `storage:${String(l.problem)}`,
  rebootstrap: () => 'rebuilding',
  opened: (l) => ((l.health as { rebuilt?: boolean } | undefined)?.rebuilt === true ? 'rebuilding' : null),
};

function statusOf(runs: readonly ConsoleRun[]): string[] {
  const shown = new Set<string>();
  for (const run of runs)
    for (const line of run.lines) {
      const state = STATUS_EVENTS[line.type]?.(line);
      if (state != null) shown.add(state);
    }
  return [...shown].sort();
}

/** Every note a run reported as taken (on disk): those are owed to the backend exactly once. */
function queuedNotes(runs: readonly ConsoleRun[]): string[] {
  return runs.flatMap((r) => r.lines.filter((l) => l.type === 'queued').map((l) => String(l.body)));
}

/** Ends with a clean run (the console's own recovery), then counts losses, duplicates and divergence. */
export async function settle(
  ctx: ScenarioContext,
  scenario: string,
  cacheFile: string,
  runs: ConsoleRun[],
): Promise<ScenarioResult> {
  // The console's own recovery, given three starts: one that never ends cleanly is stuck (a finding).
  let stuck = true;
  for (let attempt = 0; attempt < 3 && stuck; attempt++) {
    const final = await runConsole(ctx.world, cacheFile, { untilSent: true, guardMs: 90_000 });
    runs.push(final);
    stuck = final.code !== 0;
  }
  const onBackend = messagesOnBackend(ctx.world);
  const owed = queuedNotes(runs);
  const refused = stuck ? new Set<string>() : refusedNotes(cacheFile);
  return {
    scenario,
    runs: runs.length,
    kills: runs.filter((r) => r.killed).length,
    notes: owed.length,
    refused: owed.filter((b) => refused.has(b)).length,
    lost: owed.filter((b) => (onBackend.get(b) ?? 0) === 0 && !refused.has(b)).length,
    duplicated: owed.filter((b) => (onBackend.get(b) ?? 0) > 1).length,
    diverged: stuck ? -1 : (await divergedKinds(ctx.world, cacheFile)).length,
    stuck,
    statusShown: statusOf(runs),
  };
}

/** A few tickets to write notes on, chosen by the PRNG. */
export async function someTickets(ctx: ScenarioContext, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let id = 1; id <= 200; id++) if (await ctx.world.backend.admin.get('ticket', String(id))) ids.push(String(id));
  if (ids.length === 0) throw new Error('the chaos backend has no ticket 1–200');
  return Array.from({ length: count }, () => ids[Math.floor(ctx.random() * ids.length)] ?? ids[0] ?? '1');
}

let noteSerial = 0;
export const notesFor = (scenario: string, tickets: readonly string[]) =>
  tickets.map((ticketId) => ({ ticketId, body: `chaos ${scenario} note ${String((noteSerial += 1))}` }));

const killBootstrap: Scenario = {
  name: 'kill-during-bootstrap',
  async run(ctx) {
    const cacheFile = path.join(ctx.world.folder(this.name), 'cache.sqlite');
    const runs: ConsoleRun[] = [];
    for (let round = 0; round < ctx.n * 3 && runs.filter((r) => r.killed).length < ctx.n; round++) {
      // Someone else keeps writing, so later rounds have live pages to apply too.
      if (round % 4 === 3) await ctx.world.backend.admin.bulkUpdateTickets(60);
      const kill = {
        after: 'progress',
        count: 1 + Math.floor(ctx.random() * 6),
        delayMs: Math.floor(ctx.random() * 15),
      };
      runs.push(await runConsole(ctx.world, cacheFile, { smallPages: true, kill }));
    }
    return settle(ctx, this.name, cacheFile, runs);
  },
};

const killSending: Scenario = {
  name: 'kill-during-sending',
  async run(ctx) {
    const cacheFile = path.join(ctx.world.folder(this.name), 'cache.sqlite');
    const runs: ConsoleRun[] = [await runConsole(ctx.world, cacheFile)];
    for (let round = 0; round < ctx.n * 3 && runs.filter((r) => r.killed).length < ctx.n; round++) {
      const notes = notesFor(this.name, await someTickets(ctx, 3));
      // Killed a moment after a note is on disk: before, during or after its POST.
      const kill = { after: 'queued', count: 1 + Math.floor(ctx.random() * 3), delayMs: Math.floor(ctx.random() * 40) };
      runs.push(await runConsole(ctx.world, cacheFile, { notes, kill }));
    }
    return settle(ctx, this.name, cacheFile, runs);
  },
};

/**
 * A backend fault while the console pulls and sends; the console restarts after each run that gave up.
 * Each round, someone else changes 20 tickets and the person takes two notes:
 * - `pull-first` (500 bursts, drops, truncation, which a pull gets through): one console pulls under the
 *   fault, takes the notes on what it got, and sends until nothing is pending;
 * - `queue-first` (trickle, silence, under which a pull never ends, so a console that pulls before taking
 *   notes takes none and proves nothing about them): the notes are taken on what the cache holds
 *   (`--queue-only`, the person's work on disk whatever the backend does), then a console is left running
 *   under the fault (push, pulls, sends) until its outbox is empty or for `underFaultMs`, then quit cleanly.
 * The final clean run (settle) sends what is left with the same keys: a note the backend applied under the
 * fault but whose answer never came must not arrive twice.
 */
/** How many entries left the outbox during a run: its pending count first reported, less the last. */
function confirmedIn(run: ConsoleRun): number {
  const pending = run.lines.filter((l) => l.type === 'outbox').map((l) => Number(l.pending));
  return pending.length === 0 ? 0 : (pending[0] ?? 0) - (pending.at(-1) ?? 0);
}

type FaultRound = { kind: 'pull-first' } | { kind: 'queue-first'; underFaultMs: number };

function backendFault(
  name: string,
  faults: Partial<FaultConfig>,
  timeouts: Partial<HttpTimeouts> = {},
  round: FaultRound = { kind: 'pull-first' },
): Scenario {
  return {
    name: `backend-${name}`,
    async run(ctx) {
      const cacheFile = path.join(ctx.world.folder(this.name), 'cache.sqlite');
      const runs: ConsoleRun[] = [await runConsole(ctx.world, cacheFile)];
      let sentUnderFault = 0;
      ctx.world.backend.setFaults({ ...NO_FAULTS, ...faults, seed: Math.floor(ctx.random() * 1e9) });
      try {
        for (let i = 0; i < Math.max(2, Math.ceil(ctx.n / 5)); i++) {
          await ctx.world.backend.admin.bulkUpdateTickets(20);
          const notes = notesFor(this.name, await someTickets(ctx, 2));
          if (round.kind === 'pull-first') {
            runs.push(await runConsole(ctx.world, cacheFile, { notes, timeouts, guardMs: 30_000 }));
            continue;
          }
          runs.push(await runConsole(ctx.world, cacheFile, { notes, queueOnly: true }));
          const underFault = await runConsole(ctx.world, cacheFile, {
            timeouts,
            stopWhen: (l) => l.type === 'outbox' && l.pending === 0,
            stopAfterMs: round.underFaultMs,
            guardMs: round.underFaultMs + 20_000,
          });
          runs.push(underFault);
          sentUnderFault += confirmedIn(underFault);
        }
      } finally {
        ctx.world.backend.setFaults(NO_FAULTS);
      }
      const result = await settle(ctx, this.name, cacheFile, runs);
      return round.kind === 'queue-first' ? { ...result, sentUnderFault } : result;
    },
  };
}

/**
 * The backend restored from an older backup, then written past its old head (new tickets reuse the
 * numbers the console knew for others). Notes taken offline on tickets of the lost history must not
 * reach the backend (they would land on other tickets): they are refused and shown. `misapplied`
 * counts those that reached it anyway.
 */
const restoredBackend: Scenario = {
  name: 'restored-backend',
  async run(ctx) {
    const folder = ctx.world.folder(this.name);
    const cacheFile = path.join(folder, 'cache.sqlite');
    const runs: ConsoleRun[] = [await runConsole(ctx.world, cacheFile)];
    const backup = path.join(folder, 'backup.db');
    await ctx.world.backup(backup);
    await ctx.world.backend.admin.bulkUpdateTickets(40);
    const lostTickets = [];
    for (let i = 0; i < 5; i++) {
      lostTickets.push(await ctx.world.backend.admin.createTicket({ subject: `Perdu à la restauration ${String(i)}` }));
    }
    runs.push(await runConsole(ctx.world, cacheFile));
    const notes = notesFor(
      this.name,
      lostTickets.map((t) => t.id),
    );
    runs.push(await runConsole(ctx.world, cacheFile, { notes, queueOnly: true }));
    await ctx.world.restore(backup);
    await ctx.world.backend.admin.bulkUpdateTickets(80);
    for (let i = 0; i < 8; i++)
      await ctx.world.backend.admin.createTicket({ subject: `Écrit après la restauration ${String(i)}` });
    const result = await settle(ctx, this.name, cacheFile, runs);
    const onBackend = messagesOnBackend(ctx.world);
    return { ...result, misapplied: notes.filter((n) => (onBackend.get(n.body) ?? 0) > 0).length };
  },
};

export const SCENARIOS: readonly Scenario[] = [
  killBootstrap,
  killSending,
  backendFault('500-bursts', { errorRate: 0.5 }),
  backendFault('drops', { dropRate: 0.3 }),
  backendFault('truncation', { truncateRate: 0.3 }),
  backendFault(
    'trickle',
    { trickleBytesPerSecond: 4_000 },
    { answerDeadlineMs: 1_500, slowAfterMs: 300 },
    { kind: 'queue-first', underFaultMs: 8_000 },
  ),
  backendFault(
    'silence',
    { latencyMs: 4_000 },
    { headersTimeoutMs: 1_000, answerDeadlineMs: 2_000, slowAfterMs: 300 },
    { kind: 'queue-first', underFaultMs: 8_000 },
  ),
  restoredBackend,
];
