/**
 * Runs the reference backend as a process (USAGE below, or `--help`).
 * Prints one JSON line {"url": ...} on stdout once listening (parents wait
 * for it), and exits cleanly on SIGTERM/SIGINT.
 */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { startReferenceBackend } from './index.js';
import type { SeedOptions } from './index.js';

const USAGE = `Runs the reference backend.

  npm run start:backend -- (--db FILE | --database postgresql://…) [options]

  --db FILE                 SQLite: one process, the embedded default
  --database URL            PostgreSQL (or SUPPORT_CONSOLE_DATABASE_URL): as many processes as you like
                            on one database (docs/deploy.md)
  --host 127.0.0.1 --port 0 where to listen (0: any free port)
  --seed N [--accounts N --tickets N --recoveries N --callbacks N]
                            fill an empty database with a generated desk (agents, customers, tickets)
  --demo                    the seeded agents sign in with the password "demo", the portal with
                            portal/portal; without it, the logins this start creates get random
                            passwords, printed once on stderr as {"initialPasswords": {login: password}}
  --heartbeat-ms N          push stream keep-alive
  --max-upload-bytes N      largest identity document accepted
  --document-retention-hours N
                            how long a decided request's documents keep their bytes (default 0)
  --test-endpoints          TEST ONLY: /v1/_test/* (faults, direct writes)
  --clock ISO               TEST ONLY, needs --test-endpoints: "now" fixed at that instant
  --unsafe-sequencer        TEST ONLY, needs --test-endpoints: a feed sequencer that skips commits

Prints {"url": …} on stdout once it listens; stops cleanly on SIGTERM.
`;

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value)) throw new Error(`--${name} must be a non-negative integer`);
  return Number(value);
}

/** "now" standing at the instant `--clock` names (ISO 8601 with a zone), or undefined: the real clock. */
function fixedClock(value: string | undefined): (() => Date) | undefined {
  if (value === undefined) return undefined;
  const instant = new Date(value);
  if (!/(Z|[+-][0-9]{2}:[0-9]{2})$/.test(value) || Number.isNaN(instant.getTime())) {
    throw new Error('--clock must be an ISO 8601 instant with its zone, like 2026-03-16T09:30:00Z');
  }
  return () => new Date(instant.getTime());
}

/** parseArgs, with a refusal that says where the options are listed. */
function parseOptions<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)} (npm run start:backend -- --help lists them)`);
  }
}

async function main(): Promise<void> {
  const { values } = parseOptions({
    options: {
      db: { type: 'string' },
      database: { type: 'string' },
      'unsafe-sequencer': { type: 'boolean', default: false },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
      accounts: { type: 'string' },
      tickets: { type: 'string' },
      recoveries: { type: 'string' },
      callbacks: { type: 'string' },
      demo: { type: 'boolean', default: false },
      'test-endpoints': { type: 'boolean', default: false },
      'heartbeat-ms': { type: 'string' },
      'max-upload-bytes': { type: 'string' },
      'document-retention-hours': { type: 'string' },
      clock: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const databaseUrl = values.database ?? (process.env.SUPPORT_CONSOLE_DATABASE_URL || undefined);
  if ((values.db === undefined) === (databaseUrl === undefined)) {
    throw new Error('Give one database: --db FILE (SQLite) or --database postgres://… (PostgreSQL).');
  }
  // A test switch that breaks the feed's promise on purpose: never on a backend without the test endpoints.
  if (values['unsafe-sequencer'] && !values['test-endpoints']) {
    throw new Error('--unsafe-sequencer is a test switch: it needs --test-endpoints.');
  }
  // Also a test switch: a backend whose clock stands still is no backend to run for people.
  if (values.clock !== undefined && !values['test-endpoints']) {
    throw new Error('--clock is a test switch: it needs --test-endpoints.');
  }
  const now = fixedClock(values.clock);
  const seedNumber = int(values.seed, 'seed');
  const seed: SeedOptions | false =
    seedNumber === undefined
      ? false
      : {
          seed: seedNumber,
          accounts: int(values.accounts, 'accounts'),
          tickets: int(values.tickets, 'tickets'),
          recoveries: int(values.recoveries, 'recoveries'),
          callbacks: int(values.callbacks, 'callbacks'),
        };
  const backend = await startReferenceBackend({
    dbPath: values.db,
    databaseUrl,
    unsafeSequencer: values['unsafe-sequencer'],
    host: values.host,
    port: int(values.port, 'port'),
    seed,
    demo: values.demo,
    testEndpoints: values['test-endpoints'],
    heartbeatMs: int(values['heartbeat-ms'], 'heartbeat-ms'),
    maxUploadBytes: int(values['max-upload-bytes'], 'max-upload-bytes'),
    now,
    documentRetentionMs: (int(values['document-retention-hours'], 'document-retention-hours') ?? 0) * 3_600_000,
  });
  // On stderr: stdout carries only the announcement that parents parse.
  if (Object.keys(backend.initialPasswords).length > 0)
    process.stderr.write(`${JSON.stringify({ initialPasswords: backend.initialPasswords })}\n`);
  process.stdout.write(`${JSON.stringify({ url: backend.url })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    backend.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
