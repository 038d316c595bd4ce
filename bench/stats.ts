/** Small helpers for benchmarks: percentiles, timing, and the JSON line each figure prints. */
import { performance } from 'node:perf_hooks';

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Runs `fn` `rounds` times and returns the durations in milliseconds. */
export function sampleMs(rounds: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export interface Figure {
  bench: string;
  n: number;
  seconds: number;
  perSecond: number;
  [extra: string]: unknown;
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/** One JSON line per figure on stdout: the only thing the benchmark prints there. */
export function emit(figure: Figure): void {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(figure)) out[k] = typeof v === 'number' ? round(v) : v;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** A latency figure: n samples, p50/p95 in ms, against the bare limit's p95 measured in the same run. */
export function emitLatency(
  bench: string,
  samples: readonly number[],
  extra: { limitBench?: string; limitP95Ms?: number; goalP95Ms?: number; [k: string]: unknown } = {},
): void {
  const p95 = percentile(samples, 95);
  const total = samples.reduce((a, b) => a + b, 0);
  emit({
    bench,
    n: samples.length,
    seconds: total / 1000,
    perSecond: samples.length / (total / 1000),
    p50Ms: percentile(samples, 50),
    p95Ms: p95,
    ...extra,
    ...(extra.limitP95Ms !== undefined ? { ratioToLimit: p95 / extra.limitP95Ms } : {}),
    ...(extra.goalP95Ms !== undefined ? { goalMet: p95 <= extra.goalP95Ms } : {}),
  });
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
