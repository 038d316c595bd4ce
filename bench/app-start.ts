/**
 * `npm run bench:start [-- --runs 7] [--keep] [--bundle path/to/main/index.js]`: the `app.start` figures on
 * their own (bench/app-start-figures.ts); `npm run bench` measures them
 * first, before seeding its large backend.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureAppStart } from './app-start-figures.js';
import { log } from './stats.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
    // Another build of main to time instead of out/main/index.js (e.g. a copy of out/ kept from before a change,
    // inside the project so that it resolves the same node_modules).
    bundle: { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

const dir = mkdtempSync(join(tmpdir(), 'sc-bench-start-'));
log(`workdir ${dir}`);
try {
  await measureAppStart({ dir, runs, ...(values.bundle !== undefined ? { bundle: values.bundle } : {}) });
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
