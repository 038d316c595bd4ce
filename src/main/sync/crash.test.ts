import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { openCache } from '../db/connection.js';
import { cacheChecksums } from '../db/test-checksums.js';
import { tempDir } from '../db/test-fixtures.js';
import { DEMO_LOGIN, backendOptions } from './test-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = path.join(ROOT, 'src/main/sync/cli.ts');

let backend: ReferenceBackend;
beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(1200));
});
afterAll(async () => {
  await backend.close();
});

interface Run {
  killed: boolean;
  code: number | null;
  lines: Record<string, unknown>[];
}

/** Runs the CLI; kills it with SIGKILL a random moment after its `killAfter`-th commit, unless it ends first. */
function runCli(db: string, killAfter: number | null, random: () => number, extra: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        '--db',
        db,
        '--url',
        backend.url,
        '--login',
        DEMO_LOGIN.login,
        '--password',
        DEMO_LOGIN.password,
        '--until-caught-up',
        '--page-size',
        '20',
        '--pages-per-commit',
        '1',
        ...extra,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines: Record<string, unknown>[] = [];
    let commits = 0;
    let killed = false;
    let buffer = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (line.type === 'progress') commits += 1;
        if (killAfter !== null && commits === killAfter && !killed) {
          killed = true;
          // A random moment later: usually in the middle of the next page's fetch or apply.
          setTimeout(() => child.kill('SIGKILL'), Math.floor(random() * 15));
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve({ killed: killed && code === null, code, lines });
    });
  });
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('crash safety', () => {
  // Each round starts a fresh process under tsx (~1 s of start-up alone), so on a busy 2-core machine this needs room.
  it(
    'killed with SIGKILL over and over mid-sync, it still ends with the exact server state',
    { timeout: 240_000 },
    async () => {
      const db = path.join(tempDir('crash'), 'cache.db');
      const random = prng(2024);
      let kills = 0;
      let uncleanSeen = 0;
      for (let round = 0; round < 45 && kills < 22; round++) {
        // Keep "someone else" busy so later rounds have live pages to apply too.
        if (round % 4 === 3) await backend.admin.bulkUpdateTickets(120);
        // Every other round reads its pages ahead in the feed-reader thread, as a large bootstrap does.
        const feed = round % 2 === 1 ? ['--read-ahead-threshold', '0'] : [];
        const run = await runCli(db, 1 + Math.floor(random() * 6), random, feed);
        if (run.killed) kills += 1;
        const opened = run.lines.find((l) => l.type === 'opened') as
          { health?: { uncleanShutdown?: boolean } } | undefined;
        if (opened?.health?.uncleanShutdown === true) uncleanSeen += 1;
      }
      console.log(`crash test: ${kills} SIGKILLs, ${uncleanSeen} restarts saw an unclean shutdown`);
      expect(kills).toBeGreaterThanOrEqual(20);
      expect(uncleanSeen).toBeGreaterThanOrEqual(10);

      const final = await runCli(db, null, random);
      expect(final.code).toBe(0);
      const cache = openCache(db);
      try {
        expect(cacheChecksums(cache)).toEqual(await backend.checksums());
        expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        cache.close();
      }
    },
  );
});
