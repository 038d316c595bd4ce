/**
 * `npm run bench:team`: a desk's load on the reference backend. On
 * PostgreSQL (several backend processes on one database) and, beside it, on
 * SQLite (one process): N consoles (the project's sync engine, each its own
 * process) bootstrap at once from a seeded backend, then their people act at
 * a steady rate with presence on; at the end every console's cache must
 * equal the database. Prints one JSON line per figure (bench/README.md).
 *
 *   npm run bench:team -- [--consoles 16] [--tickets 100000] [--seconds 30] [--flat-out-seconds 10]
 *     [--processes 3] [--rate 1] [--only postgres|sqlite] [--cpu-prof DIR]
 *
 * PostgreSQL needs SUPPORT_CONSOLE_TEST_POSTGRES (a cluster where a database may be created); without it the
 * run says so and measures SQLite only. Exits 1 when a console's cache differs from the database.
 */
import { parseArgs } from 'node:util';
import { testPostgresUrl, TEST_POSTGRES_ENV } from '../src/server/testing/postgres.js';
import { emit, log } from './stats.js';
import { runTeam } from './team-run.js';
import type { StorageName } from './team-run.js';

function positive(value: string, name: string, zeroAllowed = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroAllowed)) {
    throw new Error(`--${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number, not "${value}"`);
  }
  return n;
}

const { values } = parseArgs({
  options: {
    consoles: { type: 'string', default: '16' },
    tickets: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '30' },
    'flat-out-seconds': { type: 'string', default: '10' },
    processes: { type: 'string', default: '3' },
    rate: { type: 'string', default: '1' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
  strict: true,
});

if (values.only !== undefined && values.only !== 'postgres' && values.only !== 'sqlite') {
  throw new Error(`--only takes postgres or sqlite, not "${values.only}"`);
}
const adminUrl = testPostgresUrl();
const storages: StorageName[] = [];
if (values.only !== 'sqlite') {
  if (adminUrl !== undefined) storages.push('postgres');
  else if (values.only === 'postgres')
    throw new Error(`--only postgres needs ${TEST_POSTGRES_ENV} (a PostgreSQL cluster URL)`);
  else log(`${TEST_POSTGRES_ENV} is not set: measuring SQLite only`);
}
if (values.only !== 'postgres') storages.push('sqlite');

let diverged = false;
for (const storage of storages) {
  const figures = await runTeam({
    storage,
    consoles: Math.round(positive(values.consoles, 'consoles')),
    tickets: Math.round(positive(values.tickets, 'tickets')),
    seconds: positive(values.seconds, 'seconds'),
    flatOutSeconds: positive(values['flat-out-seconds'], 'flat-out-seconds', true),
    processes: Math.round(positive(values.processes, 'processes')),
    rate: positive(values.rate, 'rate'),
    postgresAdminUrl: adminUrl,
    cpuProfDir: values['cpu-prof'],
  });
  for (const f of figures) {
    emit(f);
    if (f.bench.endsWith('.checksums') && f.equal !== f.n) diverged = true;
  }
}
if (diverged) {
  log('a console cache differs from the database (see the .checksums line)');
  process.exitCode = 1;
}
