/**
 * One load run on one storage: backend processes (PostgreSQL: several on one
 * database; SQLite: one), the bare limits, N consoles bootstrapping at once,
 * then acting for a bounded time with presence on, and the final check that
 * every console's cache equals the database. Returns the figures; team.ts
 * prints them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBackendProcess } from '../src/server/testing/backend-process.js';
import type { BackendProcess } from '../src/server/testing/backend-process.js';
import { createTempPostgresDatabase } from '../src/server/testing/postgres.js';
import type { TempPostgresDatabase } from '../src/server/testing/postgres.js';
import { log, percentile } from './stats.js';
import type { Figure } from './stats.js';
import { signIn, startActor } from './team-actor.js';
import type { ActionResult } from './team-actor.js';
import { divergedKinds, startConsole, waitForHead } from './team-consoles.js';
import type { ConsoleProcess } from './team-consoles.js';
import { openTeamDb } from './team-db.js';
import type { SeededLogin, StorageTarget } from './team-db.js';
import { httpRoundTripsMs, notifyRoundTripsMs } from './team-limits.js';
import { cpuMeter, rssMiB } from './team-proc.js';
import { cursorSeq, openSseProbe, pushDelays } from './team-sse.js';

export type StorageName = 'postgres' | 'sqlite';

export interface TeamOptions {
  storage: StorageName;
  consoles: number;
  tickets: number;
  seconds: number;
  processes: number;
  /** Actions per second of each console. */
  rate: number;
  /** PostgreSQL cluster where a database may be created (SUPPORT_CONSOLE_TEST_POSTGRES). */
  postgresAdminUrl?: string;
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Consoles that receive tickets (agent or expert): the final fence is a ticket write every one of them sees. */
function pickLogins(all: readonly SeededLogin[], n: number): SeededLogin[] {
  const fit = all.filter((l) => l.roles.includes('agent') || l.roles.includes('expert'));
  if (fit.length < n) throw new Error(`only ${String(fit.length)} seeded agents receive tickets; --consoles ${String(n)} is too many`);
  return fit.slice(0, n);
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url} answered ${String(res.status)}`);
  return (await res.json()) as T;
}

export async function runTeam(o: TeamOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const label = `team.${o.storage}`;
  const processes = o.storage === 'sqlite' ? 1 : o.processes;
  const dir = mkdtempSync(path.join(tmpdir(), 'sc-bench-team-'));
  let pgDb: TempPostgresDatabase | undefined;
  const backends: BackendProcess[] = [];
  const consoles: ConsoleProcess[] = [];
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
    // The first process seeds; the others start on the seeded database (none would seed it twice, but at once they would race).
    backends.push(await startBackendProcess([...where, '--seed', '1', '--tickets', String(o.tickets), '--test-endpoints'], 1_800_000));
    const seedSeconds = (performance.now() - t0) / 1000;
    figures.push({ bench: `${label}.seed`, n: o.tickets, seconds: seedSeconds, perSecond: o.tickets / seedSeconds });
    backends.push(
      ...(await Promise.all(
        Array.from({ length: processes - 1 }, () => startBackendProcess([...where, '--test-endpoints'], 120_000)),
      )),
    );
    const urls = backends.map((b) => b.url);
    const pids = backends.map((b) => b.child.pid ?? 0);

    const db = await openTeamDb(target);
    const logins = pickLogins(await db.logins(), o.consoles);

    // The bare write limit: the agents' commonest write, straight through the record store, as many at once as
    // the backends' consoles would send (several per process), for a few seconds.
    log(`${label}: bare write limit…`);
    const inFlight = 4 * processes;
    const bare = await db.bareWriteRate(Math.min(5, Math.max(2, o.seconds / 4)), inFlight, o.tickets);
    const bareRate = bare.writes / bare.seconds;
    figures.push({ bench: `${label}.write.limit`, n: bare.writes, seconds: bare.seconds, perSecond: bareRate, inFlight });

    // The bare push limit.
    const leaToken = await signIn(urls[0] ?? '', 'lea');
    const bareSamples =
      target.databaseUrl !== undefined
        ? await notifyRoundTripsMs(target.databaseUrl, 200)
        : await httpRoundTripsMs(urls[0] ?? '', leaToken, 200);
    const pushLimitBench = target.databaseUrl !== undefined ? `${label}.notify.limit` : `${label}.http.limit`;
    const bareP95 = percentile(bareSamples, 95);
    figures.push({
      bench: pushLimitBench,
      n: bareSamples.length,
      seconds: bareSamples.reduce((a, b) => a + b, 0) / 1000,
      perSecond: bareSamples.length / (bareSamples.reduce((a, b) => a + b, 0) / 1000),
      p50Ms: percentile(bareSamples, 50),
      p95Ms: bareP95,
    });

    // N consoles bootstrap at once, spread over the processes as a load balancer would.
    log(`${label}: ${String(o.consoles)} consoles bootstrap at once over ${String(processes)} process(es)…`);
    const bootMeter = cpuMeter(pids);
    logins.forEach((l, i) => {
      consoles.push(
        startConsole({
          login: l.login,
          roles: l.roles,
          baseUrl: urls[i % urls.length] ?? '',
          cacheFile: path.join(dir, `console-${String(i)}.sqlite`),
        }),
      );
    });
    const bootMs = await Promise.all(consoles.map((c) => c.caughtUp));
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
      backendCpuSecondsByProcess: boot.cpuSeconds.map((s) => round(s)),
    });

    // Push probes (one console-like stream per process), then the people act.
    const probes = urls.map((u) => openSseProbe(u, leaToken));
    await Promise.all(probes.map((p) => p.ready));
    log(`${label}: acting for ${String(o.seconds)} s at ${String(o.rate)}/s per console…`);
    const actors = await Promise.all(
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
    const actMeter = cpuMeter(pids);
    const until = performance.now() + o.seconds * 1000;
    await Promise.all(actors.map((a) => a.run(until)));
    const act = actMeter.stop();
    const rss = pids.map((pid) => round(rssMiB(pid), 1));

    // A last write every console receives (a ticket), so that the head is a position each of them must reach.
    const fence = await fetch(`${urls[0] ?? ''}/v1/_test/tickets/1`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ priority: 'normal' }),
    });
    if (!fence.ok) throw new Error(`the fence write answered ${String(fence.status)}`);
    const headSeq = cursorSeq((await getJson<{ head: string }>(`${urls[0] ?? ''}/v1/_test/head`)).head);
    const settleMs = await waitForHead(consoles, headSeq, 120_000);
    probes.forEach((p) => p.close());
    await Promise.all(consoles.map((c) => c.stop()));

    const results: ActionResult[] = actors.flatMap((a) => a.results);
    const ok = results.filter((r) => r.status === 200);
    const byKind: Record<string, Record<string, number>> = {};
    for (const r of results) {
      const k = (byKind[r.kind] ??= {});
      k[String(r.status)] = (k[String(r.status)] ?? 0) + 1;
    }
    const answered = results.filter((r) => r.status >= 200 && r.status < 500);
    const failed = results.length - answered.length;
    const offered = o.consoles * o.rate;
    const perSecond = answered.length / act.wallSeconds;
    figures.push({
      bench: `${label}.actions`,
      n: answered.length,
      seconds: act.wallSeconds,
      perSecond,
      offeredPerSecond: offered,
      applied: ok.length,
      failed,
      statusByKind: byKind,
      presencePosts: actors.reduce((a, x) => a + x.presencePosts, 0),
      p50Ms: percentile(answered.map((r) => r.ms), 50),
      p95Ms: percentile(answered.map((r) => r.ms), 95),
      limitBench: `${label}.write.limit`,
      ratioToLimit: perSecond / bareRate,
    });

    const replies = ok.filter((r) => r.messageId !== undefined);
    const seqs = await db.messageSeqs(replies.map((r) => r.messageId ?? ''));
    await db.close();
    const writes = replies.flatMap((r) => {
      const seq = seqs.get(r.messageId ?? '');
      return seq === undefined ? [] : [{ via: r.via, answeredAt: r.answeredAt, seq }];
    });
    const push = pushDelays(writes, probes);
    const pushP95 = percentile(push.delays, 95);
    figures.push({
      bench: `${label}.push`,
      n: push.delays.length,
      seconds: act.wallSeconds,
      perSecond: push.delays.length / act.wallSeconds,
      p50Ms: percentile(push.delays, 50),
      p95Ms: pushP95,
      across: processes > 1 ? 'another process' : 'the same process',
      unseen: push.unseen,
      limitBench: pushLimitBench,
      limitP95Ms: bareP95,
      ratioToLimit: pushP95 / bareP95,
    });

    const perProcessActions = perSecond / processes;
    figures.push({
      bench: `${label}.backend-cpu`,
      n: processes,
      seconds: act.wallSeconds,
      perSecond: perProcessActions,
      cpuSecondsByProcess: act.cpuSeconds.map((s) => round(s)),
      cpuShareByProcess: act.cpuSeconds.map((s) => round(s / act.wallSeconds, 3)),
      // Everything a process did while the consoles acted (actions, presence, pulls, pushes), per action answered.
      cpuMsPerAction: (act.cpuSeconds.reduce((a, b) => a + b, 0) * 1000) / Math.max(1, answered.length),
      rssMiBByProcess: rss,
      sseConnectionsPerProcess: (o.consoles + processes) / processes,
    });

    const checksums = await getJson<Record<string, { count: number; sha256: string }>>(`${urls[0] ?? ''}/v1/_test/checksums`);
    const diverged = consoles.map((c) => divergedKinds(c.cacheFile, c.roles, checksums));
    const equal = diverged.filter((d) => d.length === 0).length;
    figures.push({
      bench: `${label}.checksums`,
      n: o.consoles,
      seconds: settleMs / 1000,
      perSecond: o.consoles / Math.max(0.001, settleMs / 1000),
      equal,
      diverged: Object.fromEntries(consoles.flatMap((c, i) => (diverged[i]?.length ? [[c.login, diverged[i]]] : []))),
      troubles: consoles.reduce((a, c) => a + c.troubles().length, 0),
    });
    return figures;
  } finally {
    await Promise.all(consoles.map((c) => c.stop()));
    await Promise.all(backends.map((b) => b.stop()));
    await pgDb?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
