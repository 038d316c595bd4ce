/**
 * Ticket attachments on the backend, over real HTTP and the seeded files: the
 * roles that see tickets get the bytes (with their sha256), a verifier alone
 * does not, an identity document is never served here (not even to someone
 * who is also a verifier), and no download writes an audit entry.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecoveryRequest, Ticket } from '../shared/entities.js';
import { PATHS } from '../shared/sync-protocol.js';
import { startReferenceBackend } from './index.js';
import type { ReferenceBackend } from './index.js';
import { DEFAULT_NOW } from './seed/index.js';
import { sha256Hex } from './store/documents.js';
import { call, login } from './testing/harness.js';

let dir: string;
let backend: ReferenceBackend;
let ticket: Ticket;
let identityDocumentId: string;

/** Every record of a kind, read from the backend's database file. */
function records<T>(kind: string): T[] {
  const db = new Database(path.join(dir, 'b.sqlite'), { readonly: true });
  try {
    return db
      .prepare<[], { data: string }>(`SELECT data FROM rec_${kind}`)
      .all()
      .map((r) => JSON.parse(r.data) as T);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachments-'));
  backend = await startReferenceBackend({
    dbPath: path.join(dir, 'b.sqlite'),
    seed: { seed: 2, accounts: 30, tickets: 60, recoveries: 4, callbacks: 0 },
    demo: true,
    now: () => DEFAULT_NOW,
  });
  const withFile = records<Ticket>('ticket').find((t) => t.attachments.length > 0);
  const identity = records<RecoveryRequest>('recovery').flatMap((r) => r.documents)[0];
  if (withFile === undefined || identity === undefined) throw new Error('the seed lacks an attachment or a document');
  ticket = withFile;
  identityDocumentId = identity.id;
});

afterAll(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

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
    const auditBefore = records('audit').length;
    const lea = await login(backend.url, 'lea');
    const res = await call(backend.url, 'GET', PATHS.attachment(identityDocumentId), { token: lea });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('%PDF');
    expect((await call(backend.url, 'GET', PATHS.attachment('missing'), { token: lea })).status).toBe(404);
    expect(
      (await call(backend.url, 'GET', PATHS.attachment(ticket.attachments[0]?.id ?? ''), { token: lea })).status,
    ).toBe(200);
    expect(records('audit')).toHaveLength(auditBefore);
  });
});
