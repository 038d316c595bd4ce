/**
 * `npm run chaos`: the project's own bounded chaos run. Starts the reference
 * backend, runs every scenario (or `--only a,b`), prints one JSON line per
 * scenario and exits non-zero on any loss, duplicate or divergence.
 *
 *   npm run chaos -- [--n 20] [--tickets 1200] [--seed 7] [--only kill-during-sending,backend-drops]
 */
import { parseArgs } from 'node:util';
import { runChaos } from './runner.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20' },
    tickets: { type: 'string', default: '1200' },
    seed: { type: 'string', default: '7' },
    only: { type: 'string' },
  },
});

const results = await runChaos({
  n: Number.parseInt(values.n, 10),
  tickets: Number.parseInt(values.tickets, 10),
  seed: Number.parseInt(values.seed, 10),
  only: values.only?.split(',').filter((s) => s !== '') ?? null,
  onResult: (line) => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  },
  onProgress: (message) => {
    process.stderr.write(`${message}\n`);
  },
});
const failed = results.filter(
  (r) => r.lost > 0 || r.duplicated > 0 || r.diverged !== 0 || r.stuck || (r.misapplied ?? 0) > 0,
);
process.exit(failed.length === 0 ? 0 : 1);
