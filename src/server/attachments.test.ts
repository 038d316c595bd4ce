/**
 * Ticket attachments on the backend, over real HTTP and the seeded files: the
 * roles that see tickets get the bytes (with their sha256), a verifier alone
 * does not, an identity document is never served here (not even to someone
 * who is also a verifier), and no download writes an audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryRequest, Ticket } from '../shared/entities.js';
import { PATHS } from '../shared/sync-protocol.js';
import { DEFAULT_NOW } from './seed/index.js';
import { sha256Hex } from './store/documents.js';
import { call, login, startSeededTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

let backend: TestBackend;
let ticket: Ticket;
let identityDocumentId: string;

/** Every record of a kind, read through the backend's own storage (SQLite or PostgreSQL). */
async function records<T>(kind: string): Promise<T[]> {
  const rows = await backend.sql.all<{ data: string }>(`SELECT data FROM rec_${kind} ORDER BY rid`);
  return rows.map((r) => JSON.parse(r.data) as T);
}

beforeAll(async () => {
  backend = await startSeededTestBackend({
    seed: { seed: 2, accounts: 30, tickets: 60, recoveries: 4, callbacks: 0 },
    demo: true,
    now: () => DEFAULT_NOW,
  });
  const withFile = (await records<Ticket>('ticket')).find((t) => t.attachments.length > 0);
  const identity = (await records<RecoveryRequest>('recovery')).flatMap((r) => r.documents)[0];
  if (withFile === undefined || identity === undefined) throw new Error('the seed lacks an attachment or a document');
  ticket = withFile;
  identityDocumentId = identity.id;
});

afterAll(() => backend.dispose());

describe('GET /v1/attachments/:id', () => {
  it('serves an agent and an expert the attachment’s bytes, as bytes, with their sha256', async () => {
    const file = ticket.attachments[0];
    if (file === undefined) throw new Error('no attachment');
    for (const who of ['marco', 'sophie']) {
      const res = await fetch(backend.url + PATHS.attachment(file.id), {
        headers: { authorization: `Bearer ${await login(backend.url, who)}` },
      });
      expect(res.status, who).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(file.size);
      expect(sha256Hex(bytes)).toBe(file.sha256);
      expect(res.headers.get('x-content-sha256')).toBe(file.sha256);
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('refuses a verifier alone and a caller without a token', async () => {
    const id = ticket.attachments[0]?.id ?? '';
    const jonas = await call(backend.url, 'GET', PATHS.attachment(id), { token: await login(backend.url, 'jonas') });
    expect(jonas.status).toBe(403);
    expect((await call(backend.url, 'GET', PATHS.attachment(id))).status).toBe(401);
  });

  it('never serves an identity document, not even to a verifier who also sees tickets, and audits nothing', async () => {
    const auditBefore = (await records('audit')).length;
    const lea = await login(backend.url, 'lea');
    const res = await call(backend.url, 'GET', PATHS.attachment(identityDocumentId), { token: lea });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('%PDF');
    expect((await call(backend.url, 'GET', PATHS.attachment('missing'), { token: lea })).status).toBe(404);
    expect(
      (await call(backend.url, 'GET', PATHS.attachment(ticket.attachments[0]?.id ?? ''), { token: lea })).status,
    ).toBe(200);
    expect(await records('audit')).toHaveLength(auditBefore);
  });
});
