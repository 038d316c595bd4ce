/**
 * The short chaos run of `npm test`: two kills while sending, a backend that
 * drops connections, a WAL deleted after a kill, a backend restored from an
 * older backup: every note on the backend exactly once (or shown refused,
 * after the restore) and the cache equal to the backend. `npm run chaos`
 * runs every scenario, with twenty kills each.
 */
import { expect, it } from 'vitest';
import { runChaos } from './runner.js';
import type { ScenarioResult } from './scenarios.js';

it(
  'kills, dropped connections, a deleted WAL and a restored backend lose, duplicate and diverge nothing',
  { timeout: 300_000 },
  async () => {
    const lines: ScenarioResult[] = [];
    await runChaos({
      n: 2,
      tickets: 300,
      seed: 3,
      only: ['kill-during-sending', 'backend-drops', 'damage-wal-deleted-after-kill', 'restored-backend'],
      onResult: (line) => {
        lines.push(line);
        console.log(JSON.stringify(line));
      },
    });
    const line = (name: string): ScenarioResult | undefined => lines.find((l) => l.scenario === name);
    expect(lines.map((l) => l.scenario).sort()).toEqual([
      'backend-drops',
      'damage-wal-deleted-after-kill',
      'kill-during-sending',
      'restored-backend',
    ]);
    for (const l of lines) expect(l).toMatchObject({ lost: 0, duplicated: 0, diverged: 0, stuck: false });
    // The kills really happened, and the notes really went out (or, after the restore, were shown refused).
    expect(line('kill-during-sending')?.kills).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l.notes).toBeGreaterThan(0);
    expect(line('restored-backend')).toMatchObject({ misapplied: 0, refused: 5 });
  },
);
