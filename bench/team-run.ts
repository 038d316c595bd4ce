/**
 * One load run on one storage: backend processes (PostgreSQL: several on one
 * database; SQLite: one), the bare limits, N consoles bootstrapping at once,
 * their people acting at a steady rate with presence on, then as fast as the
 * backend answers, and the final check that every console's cache equals the
 * database. Returns the figures; team.ts prints them.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBackendProcess } from '../src/server/testing/backend-process.js';
import type { BackendProcess } from '../src/server/testing/backend-process.js';
import { createTempPostgresDatabase } from '../src/server/testing/postgres.js';
import type { TempPostgresDatabase } from '../src/server/testing/postgres.js';
import { log, percentile } from './stats.js';
import type { Figure } from './stats.js';
import { signIn, startActor } from './team-actor.js';
import type { Actor } from './team-actor.js';
import { divergedKinds, startConsole, waitForHead } from './team-consoles.js';
import type { ConsoleProcess } from './team-consoles.js';
import { openTeamDb } from './team-db.js';
import type { SeededLogin, StorageTarget, TeamDb } from './team-db.js';
import { actionsFigure, answeredOf, cpuFigure, latencyFigure } from './team-figures.js';
import { httpRoundTripsMs, notifyRoundTripsMs, postgresWriteParts } from './team-limits.js';
import { cpuMeter, rssMiB } from './team-proc.js';
import { cursorSeq, openSseProbe, pushDelays } from './team-sse.js';

export type StorageName = 'postgres' | 'sqlite';

export interface TeamOptions {
  storage: StorageName;
  consoles: number;
  tickets: number;
  /** How long the people act at `rate`. */
  seconds: number;
  /** How long they then act as fast as the backend answers (0: not measured). */
  flatOutSeconds: number;
  processes: number;
  /** Actions per second of each console. */
  rate: number;
  /** PostgreSQL cluster where a database may be created (SUPPORT_CONSOLE_TEST_POSTGRES). */
  postgresAdminUrl?: string;
  /** A folder for the backend processes' CPU profiles (written when they stop). */
  cpuProfDir?: string;
}

const BOOTSTRAP_GUARD_MS = 30 * 60_000;

const PROFILER = fileURLToPath(new URL('./team-cpu-profile.mjs', import.meta.url));

/**
 * Starts a backend process, profiled when asked: the environment set here reaches only the processes spawned
 * meanwhile (startBackendProcess passes this process's environment on), not the consoles started later.
 */
async function startBackend(
  args: string[],
  timeoutMs: number,
  cpuProfDir: string | undefined,
): Promise<BackendProcess> {
  if (cpuProfDir === undefined) return startBackendProcess(args, timeoutMs);
  mkdirSync(cpuProfDir, { recursive: true });
  const before = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${before ?? ''} --import ${PROFILER}`.trim();
  process.env.SUPPORT_CONSOLE_CPU_PROF_DIR = path.resolve(cpuProfDir);
  try {
    return await startBackendProcess(args, timeoutMs);
  } finally {
    if (before === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = before;
    delete process.env.SUPPORT_CONSOLE_CPU_PROF_DIR;
  }
}

/** Consoles that receive tickets (agent or expert), the mixed roles first: the final fence is a ticket write all see. */
function pickLogins(all: readonly SeededLogin[], n: number): SeededLogin[] {
  const fit = all
    .filter((l) => l.roles.includes('agent') || l.roles.includes('expert'))
    .sort((a, b) => b.roles.length - a.roles.length);
  if (fit.length < n) {
    throw new Error(`only ${String(fit.length)} seeded agents receive tickets: --consoles ${String(n)} is too many`);
  }
  return fit.slice(0, n);
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${String(res.status)}`);
  return (await res.json()) as T;
}

/** The bare limits of the same run: writes straight into the database, and what carries a push. */
async function bareLimits(
  label: string,
  o: TeamOptions,
  db: TeamDb,
  target: StorageTarget,
  firstUrl: string,
  token: string,
  processes: number,
): Promise<{ figures: Figure[]; writesPerSecond: number; push: { bench: string; p95Ms: number } }> {
  log(`${label}: bare limits…`);
  // The agents' commonest write through the record store, as many at once as the consoles would send.
  const inFlight = 4 * processes;
  const bare = await db.bareWriteRate(Math.min(5, Math.max(2, o.seconds / 4)), inFlight, o.tickets);
  const writesPerSecond = bare.writes / bare.seconds;
  const figures: Figure[] = [
    { bench: `${label}.write.limit`, n: bare.writes, seconds: bare.seconds, perSecond: writesPerSecond, inFlight },
  ];
  if (target.databaseUrl !== undefined) {
    const parts = await postgresWriteParts(target.databaseUrl, 100);
    figures.push(latencyFigure(`${label}.commit.limit`, parts.commitMs, { what: 'BEGIN; UPDATE one row; COMMIT' }));
    figures.push(latencyFigure(`${label}.roundtrip.limit`, parts.roundTripMs, { what: 'SELECT 1' }));
    const notify = await notifyRoundTripsMs(target.databaseUrl, 200);
    figures.push(latencyFigure(`${label}.notify.limit`, notify));
    return { figures, writesPerSecond, push: { bench: `${label}.notify.limit`, p95Ms: percentile(notify, 95) } };
  }
  const http = await httpRoundTripsMs(firstUrl, token, 200);
  figures.push(latencyFigure(`${label}.http.limit`, http, { what: 'GET /v1/me' }));
  return { figures, writesPerSecond, push: { bench: `${label}.http.limit`, p95Ms: percentile(http, 95) } };
}

export async function runTeam(o: TeamOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const label = `team.${o.storage}`;
  const processes = o.storage === 'sqlite' ? 1 : o.processes;
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-bench-team-'));
  let pgDb: TempPostgresDatabase | undefined;
  let db: TeamDb | undefined;
  const backends: BackendProcess[] = [];
  const consoles: ConsoleProcess[] = [];
  const actors: Actor[] = [];
  try {
    let target: StorageTarget;
    if (o.storage === 'postgres') {
      pgDb = await createTempPostgresDatabase(o.postgresAdminUrl);
      target = { databaseUrl: pgDb.url };
    } else {
      target = { dbPath: path.join(dir, 'backend.db') };
    }
    const where = target.databaseUrl !== undefined ? ['--database', target.databaseUrl] : ['--db', target.dbPath ?? ''];
    log(`${label}: seeding ${String(o.tickets)} tickets…`);
    const t0 = performance.now();
    // The first process seeds; the others start on the seeded database (started together, they would race to seed).
    const seedArgs = ['--seed', '1', '--tickets', String(o.tickets), '--test-endpoints'];
    backends.push(await startBackend([...where, ...seedArgs], 1_800_000, o.cpuProfDir));
    const seedSeconds = (performance.now() - t0) / 1000;
    figures.push({ bench: `${label}.seed`, n: o.tickets, seconds: seedSeconds, perSecond: o.tickets / seedSeconds });
    const others = Array.from({ length: processes - 1 }, () =>
      startBackend([...where, '--test-endpoints'], 120_000, o.cpuProfDir),
    );
    backends.push(...(await Promise.all(others)));
    const urls = backends.map((b) => b.url);
    const firstUrl = urls[0] ?? '';
    const pids = backends.map((b) => b.child.pid ?? 0);

    db = await openTeamDb(target);
    const logins = pickLogins(await db.logins(), o.consoles);
    const probeToken = await signIn(firstUrl, 'lea');
    const limits = await bareLimits(label, o, db, target, firstUrl, probeToken, processes);
    figures.push(...limits.figures);

    // N consoles bootstrap at once, spread over the processes as a load balancer would.
    log(`${label}: ${String(o.consoles)} consoles bootstrap at once over ${String(processes)} process(es)…`);
    const bootMeter = cpuMeter(pids);
    logins.forEach((l, i) => {
      const baseUrl = urls[i % urls.length] ?? '';
      const cacheFile = path.join(dir, `console-${String(i)}.sqlite`);
      consoles.push(startConsole({ login: l.login, roles: l.roles, baseUrl, cacheFile }));
    });
    const bootMs = await Promise.race([
      Promise.all(consoles.map((c) => c.caughtUp)),
      // A bootstrap that never ends is a finding, not a wait.
      new Promise<never>((_, reject) => {
        setTimeout(() => {
          reject(new Error(`the consoles did not all catch up within ${String(BOOTSTRAP_GUARD_MS / 60_000)} min`));
        }, BOOTSTRAP_GUARD_MS).unref();
      }),
    ]);
    const boot = bootMeter.stop();
    const pages = consoles.reduce((a, c) => a + c.pages(), 0);
    figures.push({
      bench: `${label}.bootstrap`,
      n: o.consoles,
      seconds: boot.wallSeconds,
      perSecond: o.consoles / boot.wallSeconds,
      p50Ms: percentile(bootMs, 50),
      p95Ms: percentile(bootMs, 95),
      tickets: o.tickets,
      feedPages: pages,
      feedPagesPerSecond: pages / boot.wallSeconds,
      backendCpuSecondsByProcess: boot.cpuSeconds.map((s) => Number(s.toFixed(2))),
    });

    // Push probes (a console-like stream on every process), then the people act.
    const probes = await Promise.all(urls.map((u) => openSseProbe(u, probeToken)));
    log(`${label}: acting for ${String(o.seconds)} s at ${String(o.rate)}/s per console…`);
    const started = await Promise.all(
      logins.map((l, i) =>
        startActor({
          baseUrl: urls[i % urls.length] ?? '',
          login: l.login,
          agentId: l.agentId,
          roles: l.roles,
          cacheFile: consoles[i]?.cacheFile ?? '',
          rate: o.rate,
          seed: 100 + i,
        }),
      ),
    );
    actors.push(...started);
    const pullsBefore = consoles.reduce((a, c) => a + c.pulls(), 0);
    const steadyMeter = cpuMeter(pids);
    const steadyUntil = performance.now() + o.seconds * 1000;
    await Promise.all(actors.map((a) => a.run(steadyUntil)));
    const steady = steadyMeter.stop();
    const steadyPulls = consoles.reduce((a, c) => a + c.pulls(), 0) - pullsBefore;
    const steadyResults = actors.flatMap((a) => a.results);
    const steadyAnswered = answeredOf(steadyResults).length;
    figures.push(
      actionsFigure(`${label}.actions`, steadyResults, steady.wallSeconds, {
        offeredPerSecond: o.consoles * o.rate,
        presencePosts: actors.reduce((a, x) => a + x.presencePosts, 0),
        limitBench: `${label}.write.limit`,
        limitPerSecond: limits.writesPerSecond,
      }),
    );
    const rss = pids.map((pid) => Number(rssMiB(pid).toFixed(1)));
    figures.push(
      cpuFigure(`${label}.backend-cpu`, steady, steadyAnswered, {
        rssMiBByProcess: rss,
        sseConnectionsPerProcess: (o.consoles + processes) / processes,
        // Each commit is pushed to every console, which pulls the delta: the load that grows with consoles × writes.
        consolePulls: steadyPulls,
        pullsPerActionPerConsole: steadyPulls / Math.max(1, steadyAnswered) / o.consoles,
      }),
    );

    if (o.flatOutSeconds > 0) {
      log(`${label}: acting as fast as answered for ${String(o.flatOutSeconds)} s…`);
      const before = actors.map((a) => a.results.length);
      const flatMeter = cpuMeter(pids);
      const flatUntil = performance.now() + o.flatOutSeconds * 1000;
      await Promise.all(actors.map((a) => a.runFlatOut(flatUntil)));
      const flat = flatMeter.stop();
      const flatResults = actors.flatMap((a, i) => a.results.slice(before[i]));
      figures.push(
        actionsFigure(`${label}.actions.max`, flatResults, flat.wallSeconds, {
          limitBench: `${label}.write.limit`,
          limitPerSecond: limits.writesPerSecond,
        }),
      );
      figures.push(cpuFigure(`${label}.backend-cpu.max`, flat, answeredOf(flatResults).length, {}));
    }

    // A last write every console receives (a ticket), so that the head is a position each of them must reach.
    const fence = await fetch(`${firstUrl}/v1/_test/tickets/1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ priority: 'normal' }),
    });
    if (!fence.ok) throw new Error(`the fence write answered ${String(fence.status)}`);
    const headSeq = cursorSeq((await getJson<{ head: string }>(`${firstUrl}/v1/_test/head`)).head);
    const settleMs = await waitForHead(consoles, headSeq, 180_000);
    probes.forEach((p) => {
      p.close();
    });
    await Promise.all(consoles.map((c) => c.stop()));

    // Push: each reply of the steady phase (a new message: its row's seq is its commit's) to every other process.
    const replies = steadyResults.filter((r) => r.status === 200 && r.messageId !== undefined);
    const seqs = await db.messageSeqs(replies.map((r) => r.messageId ?? ''));
    const writes = replies.flatMap((r) => {
      const seq = seqs.get(r.messageId ?? '');
      return seq === undefined ? [] : [{ via: r.via, answeredAt: r.answeredAt, seq }];
    });
    const push = pushDelays(writes, probes);
    const pushP95 = percentile(push.delays, 95);
    figures.push(
      latencyFigure(`${label}.push`, push.delays, {
        across: processes > 1 ? 'another process' : 'the same process',
        unseen: push.unseen,
        limitBench: limits.push.bench,
        limitP95Ms: limits.push.p95Ms,
        ratioToLimit: pushP95 / limits.push.p95Ms,
      }),
    );

    const checksums = await getJson<Record<string, { count: number; sha256: string }>>(
      `${firstUrl}/v1/_test/checksums`,
    );
    const diverged = consoles.map((c) => divergedKinds(c.cacheFile, c.roles, checksums));
    figures.push({
      bench: `${label}.checksums`,
      n: o.consoles,
      seconds: settleMs / 1000,
      perSecond: o.consoles / Math.max(0.001, settleMs / 1000),
      equal: diverged.filter((d) => d.length === 0).length,
      diverged: Object.fromEntries(consoles.flatMap((c, i) => (diverged[i]?.length ? [[c.login, diverged[i]]] : []))),
      consoleTroubles: consoles.reduce((a, c) => a + c.troubles().length, 0),
    });
    return figures;
  } finally {
    actors.forEach((a) => {
      a.close();
    });
    await Promise.all(consoles.map((c) => c.stop()));
    await db?.close();
    await Promise.all(backends.map((b) => b.stop()));
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
