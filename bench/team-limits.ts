/**
 * The bare limit of the push figure, measured in the same run: on
 * PostgreSQL, a NOTIFY from one connection to a LISTEN on another (what
 * carries a commit from process A to process B); on SQLite (one process),
 * an authenticated GET /v1/me round trip on loopback.
 */
import pg from 'pg';

export async function notifyRoundTripsMs(databaseUrl: string, rounds: number): Promise<number[]> {
  const listener = new pg.Client({ connectionString: databaseUrl });
  const notifier = new pg.Client({ connectionString: databaseUrl });
  await Promise.all([listener.connect(), notifier.connect()]);
  try {
    await listener.query('LISTEN bench_team_probe');
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const heard = new Promise<void>((resolve) => {
        listener.once('notification', () => {
          resolve();
        });
      });
      const t0 = performance.now();
      await notifier.query(`NOTIFY bench_team_probe, '${String(i)}'`);
      await heard;
      samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    await Promise.all([listener.end(), notifier.end()]);
  }
}

export async function httpRoundTripsMs(baseUrl: string, token: string, rounds: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET /v1/me answered ${String(res.status)}`);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * What one write transaction costs PostgreSQL at least, serially, on a table of the benchmark's own in the
 * run's database: a round trip (SELECT 1) and a commit that must reach the disk (BEGIN, one UPDATE, COMMIT).
 * The sequencer row is held for a write's every statement and its commit, so these two bound the desk's
 * write rate: 1 / (statements × round trip + commit).
 */
export async function postgresWriteParts(
  databaseUrl: string,
  rounds: number,
): Promise<{ roundTripMs: number[]; commitMs: number[] }> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('CREATE TABLE bench_team_commit (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)');
    await c.query('INSERT INTO bench_team_commit VALUES (1, 0)');
    const roundTripMs: number[] = [];
    const commitMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let t0 = performance.now();
      await c.query('SELECT 1');
      roundTripMs.push(performance.now() - t0);
      t0 = performance.now();
      await c.query('BEGIN');
      await c.query('UPDATE bench_team_commit SET n = n + 1 WHERE id = 1');
      await c.query('COMMIT');
      commitMs.push(performance.now() - t0);
    }
    await c.query('DROP TABLE bench_team_commit');
    return { roundTripMs, commitMs };
  } finally {
    await c.end();
  }
}
