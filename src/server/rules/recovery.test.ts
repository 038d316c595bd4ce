/**
 * The backend applies the shared checklist to approvals and keeps the audit
 * log: real HTTP to the reference backend, requests created through the
 * portal's intake like a customer would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, RecoveryRequest } from '../../shared/entities.js';
import { MutationResult } from '../../shared/mutations.js';
import { PDF_BYTES } from '../testing/fixture-seed.js';
import { login, mutate, reasonOf, startTestBackend } from '../testing/harness.js';
import type { TestBackend } from '../testing/harness.js';

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

describe('recovery rules on the backend', () => {
  let backend: TestBackend;
  let lea: string;
  let portal: string;

  beforeAll(async () => {
    backend = await startTestBackend({});
    lea = await login(backend.url, 'lea');
    portal = await login(backend.url, 'portal', 'portal');
  });
  afterAll(async () => {
    await backend.dispose();
  });

  async function intake(over: Record<string, string>, file: { bytes: Buffer; name: string; type: string }) {
    const form = new FormData();
    const fields = {
      firstName: 'Anna',
      lastName: 'Muster',
      customerNumber: 'CH-100001',
      domain: 'muster-web.ch',
      contactEmail: 'anna@muster-web.ch',
      resetEmail: 'anna@muster-web.ch',
      phone: '+41 79 000 00 00',
      street: 'Bahnhofstrasse 1',
      postalCode: '8001',
      city: 'Zürich',
      country: 'CH',
      language: 'de',
      ...over,
    };
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('document', new Blob([file.bytes], { type: file.type }), file.name);
    const res = await fetch(`${backend.url}/v1/intake/recovery-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${portal}` },
      body: form,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as RecoveryRequest;
  }

  const decide = (r: RecoveryRequest, body: object) =>
    mutate(backend.url, lea, 'decideRecovery', r.id, { baseVersion: r.version, ...body });
  const audits = (a: { body: unknown }) =>
    MutationResult.parse(a.body)
      .changes.filter((c) => c.kind === 'audit')
      .map((c) => (c.op === 'upsert' ? (c.data as AuditEntry) : null));

  it('refuses to approve a JPG sent as a PDF, whatever kind the verifier names', async () => {
    const r = await intake({}, { bytes: jpeg(), name: 'id.pdf', type: 'application/pdf' });
    const a = await decide(r, { decision: 'approve', documentKind: 'id_card' });
    expect([a.status, reasonOf(a)]).toEqual([422, 'approve_forbidden_by_checklist']);
    expect((a.body as { error: { message: string } }).error.message).toMatch(/real format/);
  });

  it('refuses to approve an individual on a company stamp, and without a confirmed document kind', async () => {
    const r = await intake({}, { bytes: PDF_BYTES, name: 'stempel.pdf', type: 'application/pdf' });
    const stamp = await decide(r, { decision: 'approve', documentKind: 'company_stamp_signature' });
    expect([stamp.status, reasonOf(stamp)]).toEqual([422, 'approve_forbidden_by_checklist']);
    const unnamed = await decide(r, { decision: 'approve' });
    expect([unnamed.status, reasonOf(unnamed)]).toEqual([422, 'approve_forbidden_by_checklist']);
    expect(backend.admin.get('recovery', r.id)?.status).toBe('pending');
  });

  it('refuses an unregistered reset address with an invoice, approves it with an ID card', async () => {
    const r = await intake(
      { resetEmail: 'anna.neu@gmail.com' },
      { bytes: PDF_BYTES, name: 'ausweis.pdf', type: 'application/pdf' },
    );
    const invoice = await decide(r, { decision: 'approve', documentKind: 'invoice' });
    expect([invoice.status, reasonOf(invoice)]).toEqual([422, 'approve_forbidden_by_checklist']);
    const ok = await decide(r, {
      decision: 'approve',
      documentKind: 'id_card',
      checklist: { fields_complete: 'pass' },
    });
    expect(ok.status, ok.text).toBe(200);
    const [entry] = audits(ok);
    expect(entry).toMatchObject({
      action: 'approve',
      recoveryId: r.id,
      agentId: '1',
      documentKind: 'id_card',
      checklist: { fields_complete: 'pass' },
    });
    expect(backend.admin.get('audit', entry?.id ?? '')).toEqual(entry);
  });

  it('records a rejection with its reason, and the backend checklist when the console sent none', async () => {
    const r = await intake({}, { bytes: PDF_BYTES, name: 'rechnung.pdf', type: 'application/pdf' });
    const a = await decide(r, { decision: 'reject', reasonCode: 'invoice_not_identity', documentKind: 'invoice' });
    expect(a.status).toBe(200);
    expect(audits(a)[0]).toMatchObject({
      action: 'reject',
      reasonCode: 'invoice_not_identity',
      checklist: { document_kind_fits_account: 'fail', format_matches: 'pass' },
    });
  });

  it('records every document view, and refuses a document of another request', async () => {
    const r = await intake({}, { bytes: PDF_BYTES, name: 'id.pdf', type: 'application/pdf' });
    const doc = r.documents[0];
    if (doc === undefined) throw new Error('no document');
    const view = () =>
      mutate(backend.url, lea, 'recordDocumentView', r.id, {
        documentId: doc.id,
        checklist: { format_matches: 'pass' },
      });
    const first = await view();
    const second = await view();
    expect([first.status, second.status]).toEqual([200, 200]);
    const [a, b] = [audits(first)[0], audits(second)[0]];
    expect(a).toMatchObject({ action: 'view_document', recoveryId: r.id, documentId: doc.id });
    expect(b?.id).not.toBe(a?.id);
    const foreign = await mutate(backend.url, lea, 'recordDocumentView', r.id, { documentId: 'doc-1' });
    expect([foreign.status, reasonOf(foreign)]).toEqual([422, 'document_not_in_request']);
  });
});

function jpeg(): Buffer {
  return Buffer.concat([JPEG_HEAD, Buffer.alloc(64)]);
}
