/**
 * `npm run bench:team` at a tiny size: consoles bootstrap, act, and end with
 * caches equal to the database, and every figure's JSON line carries the
 * keys the README promises. On PostgreSQL (two backend processes) when
 * SUPPORT_CONSOLE_TEST_POSTGRES names a cluster, else on SQLite.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../src/server/testing/postgres.js';

const storage = testPostgresUrl() === undefined ? 'sqlite' : 'postgres';

function runBench(args: string[]): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/team.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const lines = out
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      resolve({ code, lines, stderr });
    });
  });
}

describe(`bench:team on ${storage}`, () => {
  it('ends with every console cache equal to the database and prints each figure', async () => {
    const run = await runBench([
      ...['--only', storage, '--consoles', '2', '--tickets', '150', '--processes', '2'],
      ...['--seconds', '2', '--flat-out-seconds', '1', '--rate', '3'],
    ]);
    expect(run.code, run.stderr).toBe(0);
    const byName = new Map(run.lines.map((l) => [String(l.bench), l]));
    const label = `team.${storage}`;
    const pushLimit = storage === 'postgres' ? 'notify.limit' : 'http.limit';
    const names = ['seed', 'write.limit', pushLimit, 'bootstrap', 'actions', 'backend-cpu', 'actions.max', 'push'];
    for (const name of [...names, 'checksums']) expect(byName.has(`${label}.${name}`), name).toBe(true);
    for (const line of run.lines)
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['bench', 'n', 'seconds', 'perSecond']));

    expect(byName.get(`${label}.checksums`)).toMatchObject({ n: 2, equal: 2, diverged: {} });
    const actions = byName.get(`${label}.actions`) ?? {};
    expect(actions).toMatchObject({ failed: 0, limitBench: `${label}.write.limit` });
    expect(actions.n).toBeGreaterThan(0);
    expect(actions.ratioToLimit).toBeGreaterThan(0);
    expect(byName.get(`${label}.push`)).toMatchObject({ limitBench: `${label}.${pushLimit}`, unseen: 0 });
    const cpu = byName.get(`${label}.backend-cpu`) ?? {};
    expect(cpu.cpuSecondsByProcess).toHaveLength(storage === 'postgres' ? 2 : 1);
    expect(cpu.sseConnectionsPerProcess).toBeGreaterThan(0);
  }, 120_000);
});
