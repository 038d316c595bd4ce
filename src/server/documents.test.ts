/**
 * Identity documents on the backend, over real HTTP: only verifiers get them,
 * every download is its own audit entry (written before the answer leaves),
 * and a decided request's bytes are deleted after the retention (410 after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, RecoveryRequest } from '../shared/entities.js';
import { PATHS } from '../shared/sync-protocol.js';
import { DEFAULT_NOW } from './seed/index.js';
import { sha256Hex } from './store/documents.js';
import { PDF_BYTES } from './testing/fixture-seed.js';
import {
  call,
  login,
  mutate,
  reasonOf,
  startSeededTestBackend,
  startTestBackend,
  TEST_NOW,
} from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';
import { recoveryIntake } from './testing/recovery-intake.js';

/**
 * A PDF whose bytes carry a marker, to look for it in the database after the purge. 40 KB: a scan's
 * size, stored on overflow pages that a delete frees on SQLite (and leaves readable unless zeroed), out
 * of line (TOAST) on PostgreSQL.
 */
function markedPdf(marker: string): Buffer {
  return Buffer.concat([PDF_BYTES, Buffer.from(`% ${'scan '.repeat(8000)}\n% ${marker}\n`)]);
}

const download = (b: TestBackend, id: string, token?: string) =>
  call(b.url, 'GET', PATHS.document(id), token === undefined ? {} : { token });

/** The document's view entries as stored, read by the backend's own storage. */
async function viewsOf(b: TestBackend, documentId: string): Promise<AuditEntry[]> {
  const rows = await b.sql.all<{ data: string }>('SELECT data FROM rec_audit ORDER BY rid');
  return rows
    .map((r) => JSON.parse(r.data) as AuditEntry)
    .filter((e) => e.action === 'view_document' && e.documentId === documentId);
}

describe('identity documents: who may download, and the audit of each download', () => {
  let backend: TestBackend;
  let lea: string;
  let jonas: string;
  let marco: string;
  let portal: string;

  beforeAll(async () => {
    backend = await startTestBackend({});
    [lea, jonas, marco, portal] = await Promise.all([
      login(backend.url, 'lea'),
      login(backend.url, 'jonas'),
      login(backend.url, 'marco'),
      login(backend.url, 'portal', 'portal'),
    ]);
  });
  afterAll(async () => {
    await backend.dispose();
  });

  it('refuses an agent (403 role_missing) and a caller without a token (401), and records nothing', async () => {
    const agent = await download(backend, 'doc-1', marco);
    expect([agent.status, reasonOf(agent)]).toEqual([403, 'role_missing']);
    const anonymous = await download(backend, 'doc-1');
    expect([anonymous.status, reasonOf(anonymous)]).toEqual([401, 'unauthenticated']);
    const portalCall = await download(backend, 'doc-1', portal);
    expect(portalCall.status).toBe(403);
    expect(await viewsOf(backend, 'doc-1')).toEqual([]);
  });

  it("writes the verifier's view, with the bytes' sha256, format and size, before the answer arrives", async () => {
    const r = await recoveryIntake(backend.url, portal, { bytes: PDF_BYTES, name: 'id.pdf', type: 'application/pdf' });
    const doc = r.documents[0];
    if (doc === undefined) throw new Error('no document');
    const res = await fetch(backend.url + PATHS.document(doc.id), { headers: { authorization: `Bearer ${jonas}` } });
    expect(res.status).toBe(200);
    // The entry exists as soon as the headers are here: it was committed with the read of the bytes.
    const auditId = res.headers.get('x-audit-entry') ?? '';
    expect(await backend.admin.get('audit', auditId)).toMatchObject({
      action: 'view_document',
      agentId: '3',
      recoveryId: r.id,
      documentId: doc.id,
      at: TEST_NOW.toISOString(),
      served: { sha256: sha256Hex(PDF_BYTES), format: 'pdf', size: PDF_BYTES.length },
    });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF_BYTES);
    await download(backend, doc.id, jonas);
    expect((await viewsOf(backend, doc.id)).map((e) => e.agentId)).toEqual(['3', '3']);
  });

  it('answers HEAD with 404: a view nobody saw is never recorded', async () => {
    const head = await fetch(backend.url + PATHS.document('doc-1'), {
      method: 'HEAD',
      headers: { authorization: `Bearer ${lea}` },
    });
    expect(head.status).toBe(404);
    expect(await viewsOf(backend, 'doc-1')).toEqual([]);
  });
});

describe('retention: the bytes of a decided request are deleted', () => {
  it('with no retention, in the decision itself: 410 document_purged, the audit keeps hash, format, size', async () => {
    const backend = await startTestBackend({ purgeIntervalMs: 30 });
    try {
      const [lea, portal] = await Promise.all([login(backend.url, 'lea'), login(backend.url, 'portal', 'portal')]);
      const bytes = markedPdf('immediately-purged');
      const r = await recoveryIntake(backend.url, portal, { bytes, name: 'id.pdf', type: 'application/pdf' });
      const doc = r.documents[0];
      if (doc === undefined) throw new Error('no document');
      expect((await download(backend, doc.id, lea)).status).toBe(200);
      const info = await mutate(backend.url, lea, 'decideRecovery', r.id, {
        baseVersion: r.version,
        decision: 'request_info',
        message: 'Bitte senden Sie eine lesbare Kopie.',
      });
      expect(info.status).toBe(200);
      // Still open after a request for information: the document stays.
      expect((await download(backend, doc.id, lea)).status).toBe(200);
      const reject = await mutate(backend.url, lea, 'decideRecovery', r.id, {
        baseVersion: r.version + 1,
        decision: 'reject',
        reasonCode: 'other',
        reasonSentence: 'Die Kopie ist unleserlich.',
        message: 'Guten Tag\n\nDie Kopie ist unleserlich.',
      });
      expect(reject.status, reject.text).toBe(200);
      const gone = await download(backend, doc.id, lea);
      expect([gone.status, reasonOf(gone)]).toEqual([410, 'document_purged']);
      const views = await viewsOf(backend, doc.id);
      expect(views).toHaveLength(2);
      expect(views[0]?.served).toEqual({ sha256: sha256Hex(bytes), format: 'pdf', size: bytes.length });
      // The purge job's next run empties the WAL, which still held the pages the upload wrote (SQLite).
      await expect.poll(() => backend.storedCopiesOf('immediately-purged'), { timeout: 2000 }).toEqual([]);
    } finally {
      await backend.dispose();
    }
  });

  it('after a configured retention, by the purge job, leaving no copy in the database', async () => {
    const hour = 60 * 60 * 1000;
    let now = TEST_NOW;
    const backend = await startTestBackend({
      now: () => now,
      documentRetentionMs: hour,
      purgeIntervalMs: 30,
    });
    try {
      const [lea, portal] = await Promise.all([login(backend.url, 'lea'), login(backend.url, 'portal', 'portal')]);
      /** A recovery request with one marked document, rejected at the backend's `now`. */
      const rejectedDocument = async (marker: string): Promise<string> => {
        const r: RecoveryRequest = await recoveryIntake(backend.url, portal, {
          bytes: markedPdf(marker),
          name: 'id.pdf',
          type: 'application/pdf',
        });
        const doc = r.documents[0];
        if (doc === undefined) throw new Error('no document');
        const reject = await mutate(backend.url, lea, 'decideRecovery', r.id, {
          baseVersion: r.version,
          decision: 'reject',
          reasonCode: 'document_unreadable',
          message: 'Guten Tag\n\nWir konnten das Dokument nicht lesen.',
        });
        expect(reject.status).toBe(200);
        return doc.id;
      };
      const earlier = await rejectedDocument(`decided-earlier-${String(process.pid)}`);
      now = new Date(TEST_NOW.getTime() + 45 * 60 * 1000);
      const marker = `retained-then-purged-${String(process.pid)}`;
      const retained = await rejectedDocument(marker);
      // An hour and a minute after the first decision, 16 minutes after the second: the purge job's run that
      // takes the first document is one that could wrongly take the second too. Waiting for that run (not for
      // a fixed time, which a slow database outlasts) makes "still served" mean "kept by a run that happened".
      now = new Date(TEST_NOW.getTime() + 61 * 60 * 1000);
      await expect.poll(async () => (await download(backend, earlier, lea)).status, { timeout: 10_000 }).toBe(410);
      expect((await download(backend, retained, lea)).status).toBe(200);
      expect(await backend.storedCopiesOf(marker)).not.toEqual([]);

      now = new Date(TEST_NOW.getTime() + (45 + 61) * 60 * 1000);
      await expect.poll(async () => (await download(backend, retained, lea)).status, { timeout: 10_000 }).toBe(410);
      expect(await backend.storedCopiesOf(marker)).toEqual([]);
    } finally {
      await backend.dispose();
    }
  });

  it('refuses a negative retention at start', async () => {
    await expect(startTestBackend({ documentRetentionMs: -1 })).rejects.toThrow(/documentRetentionMs/);
  });
});

describe('the demo seed follows the same rule', () => {
  it('serves the documents of open requests and none of a decided one', async () => {
    const backend = await startSeededTestBackend({
      seed: { seed: 3, accounts: 30, tickets: 20, recoveries: 40, callbacks: 0 },
      now: () => DEFAULT_NOW,
    });
    try {
      const lea = await login(backend.url, 'lea');
      const requests = (await backend.sql.all<{ data: string }>('SELECT data FROM rec_recovery')).map(
        (r) => JSON.parse(r.data) as RecoveryRequest,
      );
      const statusOf = async (r: RecoveryRequest) =>
        Promise.all(
          r.documents.map(async (d) => (await call(backend.url, 'GET', PATHS.document(d.id), { token: lea })).status),
        );
      const decided = requests.filter((r) => r.status === 'approved' || r.status === 'rejected');
      const open = requests.filter((r) => r.status === 'pending' || r.status === 'info_requested');
      expect(decided.filter((r) => r.documents.length > 0).length).toBeGreaterThan(0);
      for (const r of decided) expect(await statusOf(r)).toEqual(r.documents.map(() => 410));
      for (const r of open) expect(await statusOf(r)).toEqual(r.documents.map(() => 200));
    } finally {
      await backend.dispose();
    }
  });
});
