/**
 * Damage to the console's own files while it holds unsent work: the cache
 * file truncated (after a kill, after a clean stop), bytes overwritten in a
 * page of the tickets table and of one of its indexes after a clean stop, the
 * WAL deleted after a kill, a disk that is full. Each round: a bootstrapped
 * cache, three notes taken while offline (on disk, never sent), the damage,
 * then the console's own recovery. A note the rebuild forgets is `lost`.
 */
import { existsSync, openSync, closeSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { notesFor, settle, someTickets } from './scenarios.js';
import type { Scenario, ScenarioContext } from './scenarios.js';
import { runConsole } from './world.js';
import type { ConsoleRun } from './world.js';

type Damage = (cacheFile: string) => void;

const truncateHalf: Damage = (file) => {
  truncateSync(file, Math.floor(statSync(file).size / 2 / 4096) * 4096);
};

/** Overwrites the middle of the `nth` page that belongs to `object` (a table or an index), found with dbstat. */
function overwritePageOf(object: (db: Database.Database) => string, nth = 2): Damage {
  return (file) => {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    let page: number;
    let pageSize: number;
    try {
      const name = object(db);
      pageSize = db.pragma('page_size', { simple: true }) as number;
      const pages = db
        .prepare<[string], { pageno: number }>(
          "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
        )
        .all(name);
      const chosen = pages[Math.min(nth, pages.length - 1)];
      if (chosen === undefined) throw new Error(`no leaf page of ${name}`);
      page = chosen.pageno;
    } finally {
      db.close();
    }
    const fd = openSync(file, 'r+');
    try {
      writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, (page - 1) * pageSize + 1024);
    } finally {
      closeSync(fd);
    }
  };
}

const ticketsTable = overwritePageOf(() => 'tickets');
const ticketsIndex = overwritePageOf(
  (db) =>
    (
      db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL ORDER BY name",
        )
        .get() ?? { name: 'sqlite_autoindex_tickets_1' }
    ).name,
);

const deleteWal: Damage = (file) => {
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) rmSync(file + suffix);
};

/** One damage variant: after a kill (the notes' commits still in the WAL) or after a clean stop. */
function damaged(name: string, damage: Damage, after: 'kill' | 'clean-stop'): Scenario {
  return {
    name: `damage-${name}`,
    async run(ctx: ScenarioContext) {
      const runs: ConsoleRun[] = [];
      const rounds = Math.max(1, Math.ceil(ctx.n / 10));
      let worst = 0;
      let last = null;
      for (let round = 0; round < rounds; round++) {
        const cacheFile = path.join(ctx.world.folder(this.name), 'cache.sqlite');
        runs.push(await runConsole(ctx.world, cacheFile));
        const notes = notesFor(this.name, await someTickets(ctx, 3));
        const kill = after === 'kill' ? { after: 'queued', count: 3, delayMs: 0 } : undefined;
        runs.push(await runConsole(ctx.world, cacheFile, { notes, queueOnly: true, ...(kill ? { kill } : {}) }));
        damage(cacheFile);
        // Counts over every round so far (the notes of all rounds are owed); divergence: the worst round's.
        last = await settle(ctx, this.name, cacheFile, runs);
        worst = last.diverged === -1 || worst === -1 ? -1 : Math.max(worst, last.diverged);
      }
      if (last === null) throw new Error('no round ran');
      return { ...last, diverged: worst };
    },
  };
}

/** The disk fills up while the console pulls: it says so, keeps its notes, and carries on once there is room. */
const fullDisk: Scenario = {
  name: 'full-disk',
  async run(ctx) {
    const cacheFile = path.join(ctx.world.folder(this.name), 'cache.sqlite');
    const runs: ConsoleRun[] = [await runConsole(ctx.world, cacheFile)];
    const notes = notesFor(this.name, await someTickets(ctx, 3));
    runs.push(await runConsole(ctx.world, cacheFile, { notes, queueOnly: true }));
    const db = new Database(cacheFile, { readonly: true });
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.close();
    for (let i = 0; i < 200; i++)
      await ctx.world.backend.admin.createTicket({ subject: `Disque plein ${'x'.repeat(300)}` });
    runs.push(
      await runConsole(ctx.world, cacheFile, {
        maxPages: pages,
        guardMs: 20_000,
        kill: { after: 'storage', count: 1, delayMs: 200 },
      }),
    );
    return settle(ctx, this.name, cacheFile, runs);
  },
};

export const DAMAGE_SCENARIOS: readonly Scenario[] = [
  damaged('truncated-after-kill', truncateHalf, 'kill'),
  damaged('truncated-after-clean-stop', truncateHalf, 'clean-stop'),
  damaged('ticket-page-after-clean-stop', ticketsTable, 'clean-stop'),
  damaged('index-page-after-clean-stop', ticketsIndex, 'clean-stop'),
  damaged('wal-deleted-after-kill', deleteWal, 'kill'),
  fullDisk,
];
