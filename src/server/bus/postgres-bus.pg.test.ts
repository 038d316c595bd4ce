/**
 * The bus between backend processes over LISTEN/NOTIFY, on a real cluster: what one process publishes,
 * every process hears (itself included); a listener whose connection is cut comes back and says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { postgresPool } from '../db/postgres.js';
import { createTempPostgresDatabase } from '../testing/postgres.js';
import type { TempPostgresDatabase } from '../testing/postgres.js';
import { PostgresBus } from './postgres-bus.js';

let temp: TempPostgresDatabase;
let poolA: pg.Pool;
let poolB: pg.Pool;
let a: PostgresBus;
let b: PostgresBus;

beforeAll(async () => {
  temp = await createTempPostgresDatabase();
  poolA = postgresPool({ url: temp.url });
  poolB = postgresPool({ url: temp.url });
  a = await PostgresBus.start(poolA, { url: temp.url });
  b = await PostgresBus.start(poolB, { url: temp.url, retryMs: 20 });
});

afterAll(async () => {
  await a.close();
  await b.close();
  await poolA.end();
  await poolB.end();
  await temp.drop();
});

function next(bus: PostgresBus, topic: 'changes' | 'presence'): Promise<unknown> {
  return new Promise((resolve) => {
    const off = bus.subscribe(topic, (body) => {
      off();
      resolve(body);
    });
  });
}

describe('PostgresBus', () => {
  it('delivers a message to every process, the sender included, by topic', async () => {
    const heardByB = next(b, 'presence');
    const heardByA = next(a, 'presence');
    let changesHeard = 0;
    const off = b.subscribe('changes', () => changesHeard++);
    await a.publish('presence', { ticketId: '42', agentId: '7', activity: 'replying' });
    expect(await heardByB).toEqual({ ticketId: '42', agentId: '7', activity: 'replying' });
    expect(await heardByA).toEqual({ ticketId: '42', agentId: '7', activity: 'replying' });
    off();
    expect(changesHeard).toBe(0);
  });

  it('ignores what another program notifies on the channel', async () => {
    const heard: unknown[] = [];
    const off = b.subscribe('changes', (body) => heard.push(body));
    await poolA.query(
      "SELECT pg_notify('support_console_bus', 'not json'), pg_notify('support_console_bus', '{\"topic\":\"other\"}')",
    );
    await a.publish('changes', { kinds: ['ticket'] });
    await expect.poll(() => heard).toEqual([{ kinds: ['ticket'] }]);
    off();
  });

  it('reconnects a listener whose connection was cut, says messages may be lost, and hears again', async () => {
    let gaps = 0;
    const offGap = b.onGap(() => gaps++);
    const cut = await poolA.query<{ n: number }>(
      "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%' AND backend_type = 'client backend'",
    );
    expect(cut.rows[0]?.n).toBe(2);
    await expect.poll(() => gaps, { timeout: 10_000 }).toBe(1);
    const heard = next(b, 'changes');
    await a.publish('changes', { kinds: ['message'] });
    expect(await heard).toEqual({ kinds: ['message'] });
    offGap();
  });
});
