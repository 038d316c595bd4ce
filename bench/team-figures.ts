/** The figures of one acting phase, from the actors' results and the backends' CPU meter. */
import { percentile } from './stats.js';
import type { Figure } from './stats.js';
import type { ActionResult } from './team-actor.js';

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

/** Answered = every answer that is not a server error (a refusal, 409/422, is a write transaction too). */
export function answeredOf(results: readonly ActionResult[]): ActionResult[] {
  return results.filter((r) => r.status >= 200 && r.status < 500);
}

export function actionsFigure(
  bench: string,
  results: readonly ActionResult[],
  wallSeconds: number,
  extra: { offeredPerSecond?: number; presencePosts?: number; limitBench: string; limitPerSecond: number },
): Figure {
  const answered = answeredOf(results);
  const statusByKind: Record<string, Record<string, number>> = {};
  for (const r of results) {
    const k = (statusByKind[r.kind] ??= {});
    k[String(r.status)] = (k[String(r.status)] ?? 0) + 1;
  }
  const perSecond = answered.length / wallSeconds;
  return {
    bench,
    n: answered.length,
    seconds: wallSeconds,
    perSecond,
    ...(extra.offeredPerSecond === undefined ? {} : { offeredPerSecond: extra.offeredPerSecond }),
    applied: results.filter((r) => r.status === 200).length,
    failed: results.length - answered.length,
    statusByKind,
    ...(extra.presencePosts === undefined ? {} : { presencePosts: extra.presencePosts }),
    p50Ms: percentile(
      answered.map((r) => r.ms),
      50,
    ),
    p95Ms: percentile(
      answered.map((r) => r.ms),
      95,
    ),
    limitBench: extra.limitBench,
    ratioToLimit: perSecond / extra.limitPerSecond,
  };
}

export function cpuFigure(
  bench: string,
  cpu: { cpuSeconds: number[]; wallSeconds: number },
  answered: number,
  extra: Record<string, unknown>,
): Figure {
  const processes = cpu.cpuSeconds.length;
  return {
    bench,
    n: processes,
    seconds: cpu.wallSeconds,
    // Actions answered per second per process.
    perSecond: answered / cpu.wallSeconds / processes,
    cpuSecondsByProcess: cpu.cpuSeconds.map((s) => round(s)),
    cpuShareByProcess: cpu.cpuSeconds.map((s) => round(s / cpu.wallSeconds, 3)),
    // Everything the processes did meanwhile (actions, presence, pulls, pushes), per action answered.
    cpuMsPerAction: (cpu.cpuSeconds.reduce((a, b) => a + b, 0) * 1000) / Math.max(1, answered),
    ...extra,
  };
}

export function latencyFigure(bench: string, samples: readonly number[], extra: Record<string, unknown> = {}): Figure {
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    bench,
    n: samples.length,
    seconds: total / 1000,
    perSecond: samples.length / (total / 1000),
    p50Ms: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    ...extra,
  };
}
