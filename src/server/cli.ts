/**
 * Runs the reference backend as a process:
 *   npx tsx src/server/cli.ts (--db FILE | --database postgres://…) [--host 127.0.0.1] [--port 0]
 *     [--seed 1 --accounts N --tickets N --recoveries N --callbacks N]
 *     [--demo] [--test-endpoints] [--heartbeat-ms N] [--max-upload-bytes N]
 *     [--document-retention-hours N]   (how long a decided request's documents keep their bytes; default 0)
 *     [--clock 2026-03-16T09:30:00Z]   (TEST ONLY, needs --test-endpoints: "now" fixed at that instant, so
 *                                      tests of business hours and entitlements hold at night and at weekends)
 * --database (or SUPPORT_CONSOLE_DATABASE_URL) runs on PostgreSQL: start as
 * many processes as you like on one database (docs/deploy.md).
 * Prints one JSON line {"url": ...} on stdout once listening (parents wait
 * for it), and exits cleanly on SIGTERM/SIGINT. --demo gives the seeded
 * agents the password "demo" and the portal portal/portal; without it, the
 * logins created by this start get random passwords, printed once on stderr
 * as one JSON line {"initialPasswords": {login: password}}.
 */
import { parseArgs } from 'node:util';
import { startReferenceBackend } from './index.js';
import type { SeedOptions } from './index.js';

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

async function main(): Promise<void> {
  const { values } = parseArgs({
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
    },
    strict: true,
  });
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
