/**
 * The backend applies the shared checklist to approvals and keeps the audit
 * log: real HTTP to the reference backend, requests created through the
 * portal's intake like a customer would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, RecoveryRequest } from '../../shared/entities.js';
import { MutationResult } from '../../shared/mutations.js';
import { PDF_BYTES } from '../testing/fixture-seed.js';
import { PATHS } from '../../shared/sync-protocol.js';
import { call, login, mutate, reasonOf, startTestBackend } from '../testing/harness.js';
import { hostileDocuments } from '../testing/hostile-documents.js';
import { ORGANISATION_FIELDS, recoveryIntake } from '../testing/recovery-intake.js';
import type { IntakeFile } from '../testing/recovery-intake.js';
import type { TestBackend } from '../testing/harness.js';

/** What the backend evaluates for Anna's complete request with a PDF she confirmed as an ID card. */
const SERVER_APPROVES = {
  fields_complete: 'pass',
  account_matched: 'pass',
  document_present: 'pass',
  format_matches: 'pass',
  reset_email_registered_or_document: 'pass',
  document_kind_fits_account: 'pass',
};

/** A rejection's words: the sentence that says why, inside the message the requester reads. */
const REASON = {
  reasonSentence: 'Eine Rechnung ist kein Ausweisdokument.',
  message: 'Guten Tag Anna Muster\n\nEine Rechnung ist kein Ausweisdokument.\n\nFreundliche Grüsse',
};

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);

describe('recovery rules on the backend', () => {
  let backend: TestBackend;
  let lea: string;
  let jonas: string;
  let portal: string;

  beforeAll(async () => {
    backend = await startTestBackend({});
    lea = await login(backend.url, 'lea');
    jonas = await login(backend.url, 'jonas');
    portal = await login(backend.url, 'portal', 'portal');
  });
  afterAll(async () => {
    await backend.dispose();
  });

  const intake = (over: Record<string, string>, file: IntakeFile): Promise<RecoveryRequest> =>
    recoveryIntake(backend.url, portal, file, over);

  /** The verifier opens the request's documents in the console: each is downloaded. */
  async function open(r: RecoveryRequest, token: string): Promise<void> {
    for (const d of r.documents)
      expect((await call(backend.url, 'GET', PATHS.document(d.id), { token })).status).toBe(200);
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
    expect((await backend.admin.get('recovery', r.id))?.status).toBe('pending');
  });

  it('refuses an unregistered reset address with an invoice, approves it with an ID card', async () => {
    const r = await intake(
      { resetEmail: 'anna.neu@gmail.com' },
      { bytes: PDF_BYTES, name: 'ausweis.pdf', type: 'application/pdf' },
    );
    const invoice = await decide(r, { decision: 'approve', documentKind: 'invoice' });
    expect([invoice.status, reasonOf(invoice)]).toEqual([422, 'approve_forbidden_by_checklist']);
    await open(r, lea);
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
      checklist: SERVER_APPROVES,
    });
    expect(await backend.admin.get('audit', entry?.id ?? '')).toEqual(entry);
  });

  it('records a rejection with its reason, and the backend checklist when the console sent none', async () => {
    const r = await intake({}, { bytes: PDF_BYTES, name: 'rechnung.pdf', type: 'application/pdf' });
    const a = await decide(r, {
      decision: 'reject',
      reasonCode: 'invoice_not_identity',
      ...REASON,
      documentKinds: { [r.documents[0]?.id ?? '']: 'invoice' },
    });
    expect(a.status, a.text).toBe(200);
    expect((await backend.admin.get('recovery', r.id))?.decision).toMatchObject({
      reasonSentence: REASON.reasonSentence,
      documentKind: 'invoice',
      documentKinds: { [r.documents[0]?.id ?? '']: 'invoice' },
    });
    expect(audits(a)[0]).toMatchObject({
      action: 'reject',
      reasonCode: 'invoice_not_identity',
      checklist: { document_kind_fits_account: 'fail', format_matches: 'pass' },
    });
  });

  it('refuses an approval until the deciding verifier downloaded every document (documents_not_viewed)', async () => {
    const r = await intake({}, { bytes: PDF_BYTES, name: 'ausweis.pdf', type: 'application/pdf' });
    const approve = () => decide(r, { decision: 'approve', documentKind: 'id_card' });
    const unseen = await approve();
    expect([unseen.status, reasonOf(unseen)]).toEqual([422, 'documents_not_viewed']);
    // Another verifier's look does not count for Lea; a view reported from the console's memory neither.
    await open(r, jonas);
    await mutate(backend.url, lea, 'recordDocumentView', r.id, { documentId: r.documents[0]?.id });
    const stillUnseen = await approve();
    expect([stillUnseen.status, reasonOf(stillUnseen)]).toEqual([422, 'documents_not_viewed']);
    await open(r, lea);
    const ok = await approve();
    expect(ok.status, ok.text).toBe(200);
    expect((await backend.admin.get('recovery', r.id))?.decision?.verifier?.viewedDocumentIds).toEqual([
      r.documents[0]?.id,
    ]);
  });

  it('refuses to approve a pixel bomb the console refuses to show, after the shared document checks', async () => {
    const bomb = hostileDocuments().find((d) => d.name === 'huge.png');
    if (bomb === undefined) throw new Error('no huge.png among the hostile documents');
    expect(bomb.checks).toBe('image_too_large');
    const r = await intake({}, { bytes: Buffer.from(bomb.bytes), name: 'ausweis.png', type: 'image/png' });
    await open(r, lea);
    const a = await decide(r, { decision: 'approve', documentKind: 'id_card' });
    expect([a.status, reasonOf(a)]).toEqual([422, 'document_checks_failed']);
    expect((a.body as { error: { message: string } }).error.message).toMatch(/image_too_large/);
    expect((await backend.admin.get('recovery', r.id))?.status).toBe('pending');
  });

  it('refuses to approve an organisation on an ID card: it needs its stamp with a signature', async () => {
    const r = await intake(ORGANISATION_FIELDS, { bytes: PDF_BYTES, name: 'carte.pdf', type: 'application/pdf' });
    expect(r.matchedAccountId).toBe('2');
    await open(r, lea);
    const idCard = await decide(r, { decision: 'approve', documentKind: 'id_card' });
    expect([idCard.status, reasonOf(idCard)]).toEqual([422, 'approve_forbidden_by_checklist']);
    expect((idCard.body as { error: { message: string } }).error.message).toMatch(/stamp/);
    const stamp = await decide(r, { decision: 'approve', documentKind: 'company_stamp_signature' });
    expect(stamp.status, stamp.text).toBe(200);
  });

  it("stores the backend's checklist, never the one sent, and keeps the console's beside it", async () => {
    const r = await intake({}, { bytes: PDF_BYTES, name: 'ausweis.pdf', type: 'application/pdf' });
    await open(r, lea);
    const ok = await decide(r, { decision: 'approve', documentKind: 'id_card', checklist: {} });
    expect(ok.status, ok.text).toBe(200);
    const decision = (await backend.admin.get('recovery', r.id))?.decision;
    expect(decision?.checklist).toEqual(SERVER_APPROVES);
    expect(decision?.verifier?.consoleChecklist).toEqual({});
    expect(audits(ok)[0]?.checklist).toEqual(SERVER_APPROVES);

    // A console claiming every item passes cannot dress up a rejection's record either.
    const lying = await intake({}, { bytes: PDF_BYTES, name: 'rechnung.pdf', type: 'application/pdf' });
    const allPass = Object.fromEntries(Object.keys(SERVER_APPROVES).map((k) => [k, 'pass']));
    const rejected = await decide(lying, {
      decision: 'reject',
      reasonCode: 'invoice_not_identity',
      ...REASON,
      documentKind: 'invoice',
      checklist: allPass,
    });
    expect(audits(rejected)[0]?.checklist).toMatchObject({ document_kind_fits_account: 'fail' });
    expect((await backend.admin.get('recovery', lying.id))?.decision).toMatchObject({
      checklist: { document_kind_fits_account: 'fail' },
      verifier: { consoleChecklist: allPass },
    });
  });

  it('refuses a rejection without a known reason code or with a blank sentence, 422 with a code', async () => {
    const r = await intake({}, { bytes: PDF_BYTES, name: 'rechnung.pdf', type: 'application/pdf' });
    const reject = (body: object) => decide(r, { decision: 'reject', ...body });
    const cases: [object, string][] = [
      [REASON, 'reject_reason_required'],
      [{ ...REASON, reasonCode: 'looks_fishy' }, 'reject_reason_unknown'],
      [{ ...REASON, reasonCode: 'other', reasonSentence: '  ' }, 'reject_sentence_required'],
      [{ reasonCode: 'other', message: '' }, 'reject_sentence_required'],
      [{ reasonCode: 'other' }, 'reject_sentence_required'],
    ];
    for (const [body, reason] of cases) {
      const a = await reject(body);
      expect([a.status, reasonOf(a)], JSON.stringify(body)).toEqual([422, reason]);
    }
    expect((await reject({ ...REASON, reasonCode: 'looks_fishy' })).text).toMatch(/no_matching_account/);
    expect((await backend.admin.get('recovery', r.id))?.status).toBe('pending');
    const ok = await reject({ ...REASON, reasonCode: 'no_matching_account' });
    expect(ok.status, ok.text).toBe(200);
    expect((await backend.admin.get('recovery', r.id))?.decision?.reasonCode).toBe('no_matching_account');
  });

  it("refuses a confirmed kind for a document that is not the request's", async () => {
    const r = await intake({}, { bytes: PDF_BYTES, name: 'ausweis.pdf', type: 'application/pdf' });
    await open(r, lea);
    const a = await decide(r, { decision: 'approve', documentKinds: { 'doc-1': 'id_card' } });
    expect([a.status, reasonOf(a)]).toEqual([422, 'document_not_in_request']);
    const ok = await decide(r, { decision: 'approve', documentKinds: { [r.documents[0]?.id ?? '']: 'id_card' } });
    expect(ok.status, ok.text).toBe(200);
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
