/**
 * The short chaos run of `npm test`: two kills while sending, a backend that
 * drops connections, a WAL deleted after a kill, a backend restored from an
 * older backup: every note on the backend exactly once (or shown refused,
 * after the restore) and the cache equal to the backend. `npm run chaos` runs them all,
 * with twenty kills each.
 */
import { expect, it } from 'vitest';
import { runChaos } from './runner.js';
import type { ScenarioResult } from './scenarios.js';

it(
  'kills while sending and dropped connections lose, duplicate and diverge nothing',
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
    expect(lines.map((l) => l.scenario)).toEqual(['kill-during-sending', 'backend-drops']);
    for (const line of lines) expect(line).toMatchObject({ lost: 0, duplicated: 0, diverged: 0 });
    // The kills really happened, and the notes really went out.
    expect(lines[0]?.kills).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line.notes).toBeGreaterThan(0);
  },
);
