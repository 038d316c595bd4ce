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
        listener.once('notification', () => resolve());
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
