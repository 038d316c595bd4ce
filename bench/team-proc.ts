/**
 * What a backend process costs, read from outside it (Linux /proc), so the
 * backend needs no code of the benchmark's: CPU seconds (user + system, all
 * its threads) and resident memory.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat's times: 100 on every Linux the project runs on. */
const TICKS_PER_SECOND = 100;

/** CPU seconds the process has used so far (utime + stime). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, 'utf8'));
  return m?.[1] === undefined ? Number.NaN : Number(m[1]) / 1024;
}

/** CPU used by each process between `start()` and `stop()`. */
export function cpuMeter(pids: readonly number[]): { stop(): { cpuSeconds: number[]; wallSeconds: number } } {
  const t0 = performance.now();
  const before = pids.map(cpuSeconds);
  return {
    stop: () => ({
      cpuSeconds: pids.map((pid, i) => cpuSeconds(pid) - (before[i] ?? 0)),
      wallSeconds: (performance.now() - t0) / 1000,
    }),
  };
}
