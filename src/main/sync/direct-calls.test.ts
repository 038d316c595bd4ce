/**
 * Direct calls against the real reference backend: a decision's answer comes
 * back at once and lands in the cache; a second decision on the version the
 * first one replaced is refused with the record as it is now; a document
 * comes with its bytes, their hash, and a size cap.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { backendOptions, engineFor } from './test-support.js';
import type { EngineUnderTest } from './test-support.js';

let backend: ReferenceBackend;
let consoleUnderTest: EngineUnderTest;

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(200));
  consoleUnderTest = engineFor(backend);
  await consoleUnderTest.engine.pullNow();
}, 60_000);

afterAll(async () => {
  await consoleUnderTest.close();
  await backend.close();
});

const pendingRequest = () => {
  const request = consoleUnderTest.cache.reader.recoveryQueue(['pending'], 50).find((r) => r.documents.length > 0);
  if (request === undefined) throw new Error('the seed has no pending recovery request with a document');
  return request;
};

describe('direct calls', () => {
  it('answers a decision at once, writes it to the cache, and refuses a second one based on the old version', async () => {
    const { engine, cache } = consoleUnderTest;
    const request = pendingRequest();
    const body = { baseVersion: request.version, decision: 'request_info', message: 'Merci de joindre une pièce.' };

    const first = await engine.call({
      mutation: 'decideRecovery',
      recordId: request.id,
      body,
      idempotencyKey: randomUUID(),
    });
    expect(first.ok).toBe(true);
    const cached = cache.reader.recoveryQueue(['pending', 'info_requested', 'approved', 'rejected'], 5000);
    const after = cached.find((r) => r.id === request.id);
    expect(after?.version).toBeGreaterThan(request.version);
    expect(after?.decision?.decision).toBe('request_info');

    const second = await engine.call({
      mutation: 'decideRecovery',
      recordId: request.id,
      body,
      idempotencyKey: randomUUID(),
    });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect([409, 422]).toContain(second.status);
    expect(second.current).toMatchObject({ id: request.id, version: after?.version });
  });

  it('downloads a document with the hash the backend declared, and refuses one over the cap', async () => {
    const { engine } = consoleUnderTest;
    const doc = pendingRequest().documents[0];
    if (doc === undefined) throw new Error('no document');

    const got = await engine.download(doc.id, 50 * 1024 * 1024);
    expect(got.bytes.length).toBe(doc.size);
    expect(got.sha256).toBe(doc.sha256);
    expect(got.declaredSha256).toBe(doc.sha256);

    await expect(engine.download(doc.id, doc.size - 1)).rejects.toThrow(/document_too_large|over/);
  });
});
