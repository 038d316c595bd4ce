import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjector } from './faults.js';
import { PATHS } from '../shared/sync-protocol.js';
import { PDF_BYTES } from './testing/fixture-seed.js';
import { call, login, mutate, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

describe('fault injection', () => {
  let backend: TestBackend;
  let token: string;

  beforeAll(async () => {
    backend = await startTestBackend({ testEndpoints: true });
    token = await login(backend.url, 'lea');
  });
  afterAll(async () => {
    await backend.dispose();
  });

  const changes = () =>
    fetch(`${backend.url}${PATHS.changes}?limit=50`, { headers: { authorization: `Bearer ${token}` } });

  it('is deterministic for a seed', () => {
    const a = new FaultInjector({ errorRate: 0.5, dropRate: 0.2, seed: 7 });
    const b = new FaultInjector({ errorRate: 0.5, dropRate: 0.2, seed: 7 });
    const fates = (f: FaultInjector) => Array.from({ length: 50 }, () => f.decide().kind);
    expect(fates(a)).toEqual(fates(b));
  });

  it('errorRate replaces answers with 503 (Retry-After: 0) or 500, never login', async () => {
    backend.setFaults({ errorRate: 1, seed: 3 });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const res = await changes();
      statuses.add(res.status);
      if (res.status === 503) expect(res.headers.get('retry-after')).toBe('0');
      await res.text();
    }
    expect([...statuses].sort()).toEqual([500, 503]);
    expect(await login(backend.url, 'marco')).toBeTruthy();
    backend.setFaults({ errorRate: 0 });
  });

  it('an errored mutation still happened; the retry replays it', async () => {
    backend.setFaults({ errorRate: 1 });
    const body = { baseVersion: 1, assigneeId: '2' };
    const lost = await mutate(backend.url, token, 'assign', '7', body, 'assign-7');
    expect(lost.status).toBeGreaterThanOrEqual(500);
    backend.setFaults({ errorRate: 0 });
    const retry = await mutate(backend.url, token, 'assign', '7', body, 'assign-7');
    expect(retry.status).toBe(200);
    expect(await backend.admin.get('ticket', '7')).toMatchObject({ assigneeId: '2', version: 2 });
  });

  it('dropRate destroys the connection before answering', async () => {
    backend.setFaults({ dropRate: 1 });
    await expect(changes().then((r) => r.text())).rejects.toThrow();
    backend.setFaults({ dropRate: 0 });
  });

  it('truncateRate sends part of the body, then cuts', async () => {
    backend.setFaults({ truncateRate: 1 });
    const res = await changes();
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    backend.setFaults({ truncateRate: 0 });
  });

  it('trickleBytesPerSecond slows the body down, and latencyMs delays the answer', async () => {
    backend.setFaults({ trickleBytesPerSecond: 200 });
    let started = Date.now();
    const res = await fetch(`${backend.url}${PATHS.document('doc-1')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(PDF_BYTES)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200); // ~50 bytes at 200 B/s, in 20-byte chunks every 100 ms
    backend.setFaults({ trickleBytesPerSecond: 0, latencyMs: 150 });
    started = Date.now();
    await (await changes()).text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    backend.setFaults({ latencyMs: 0 });
  });

  it('PUT /v1/_test/faults switches faults at runtime', async () => {
    const a = await call(backend.url, 'PUT', '/v1/_test/faults', { body: { errorRate: 1, seed: 5 } });
    expect(a.status).toBe(200);
    expect((await changes()).status).toBeGreaterThanOrEqual(500);
    await call(backend.url, 'PUT', '/v1/_test/faults', { body: { errorRate: 0 } });
    expect((await changes()).status).toBe(200);
  });
});
