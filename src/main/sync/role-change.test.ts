/**
 * When a person's roles change on the backend, the next sync leaves in their
 * cache only what the new roles may see: a verifier who becomes an agent only
 * keeps no recovery request and no audit entry (the feed's cursor carries the
 * scope it was made for, the backend refuses it under another, and the
 * console starts over); one who gains the verifier role receives them.
 * The real engine, a real cache file, real HTTP to the reference backend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import type { Agent } from '../../shared/entities.js';
import { backendOptions, engineFor } from './test-support.js';
import type { EngineUnderTest } from './test-support.js';

let backend: ReferenceBackend;
beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(200));
});
afterAll(async () => {
  await backend.close();
});

async function setRoles(agentId: string, roles: Agent['roles']): Promise<void> {
  const agent = await backend.admin.get('agent', agentId);
  if (!agent) throw new Error(`no agent ${agentId}`);
  await backend.admin.writeUnchecked('agent', agentId, { ...agent, roles, version: agent.version + 1 });
}

/** Rows of the tables that hold the verifiers' data, straight from the cache file. */
function verifierRows(t: EngineUnderTest): { requests: number; audit: number; tickets: number } {
  const count = (table: string): number =>
    (t.cache.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { requests: count('recovery_requests'), audit: count('audit_entries'), tickets: count('tickets') };
}

describe('a change of roles reaches the cache at the next sync', () => {
  it('losing the verifier role removes every recovery request and audit entry; gaining it brings them', async () => {
    const t = engineFor(backend, { login: 'lea', password: 'demo' });
    try {
      await t.engine.pullNow();
      const before = verifierRows(t);
      expect(before.requests).toBeGreaterThan(0);
      expect(before.tickets).toBeGreaterThan(0);

      await setRoles('ag-lea', ['agent', 'expert']);
      await t.engine.pullNow();
      const after = verifierRows(t);
      expect(after).toEqual({ requests: 0, audit: 0, tickets: before.tickets });
      expect(t.events.some((e) => e.type === 'rebootstrap')).toBe(true);

      await setRoles('ag-lea', ['agent', 'verifier', 'expert']);
      await t.engine.pullNow();
      expect(verifierRows(t).requests).toBe(before.requests);
    } finally {
      await setRoles('ag-lea', ['agent', 'verifier', 'expert']);
      await t.close();
    }
  });
});
