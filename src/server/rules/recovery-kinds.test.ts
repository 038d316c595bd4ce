/**
 * The backend takes the verifier's confirmations one document at a time: on the demo seed's request #18 (a phone
 * photo of an ID card and an invoice, the reset address not registered), a kind confirmed for one document says
 * nothing about the other. Real HTTP to a reference backend with the demo seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../shared/sync-protocol.js';
import { DEFAULT_NOW } from '../seed/index.js';
import { call, login, mutate, reasonOf, startSeededTestBackend } from '../testing/harness.js';
import type { TestBackend } from '../testing/harness.js';

const PHOTO = 'doc-18-1';
const INVOICE = 'doc-18-2';

describe('document kinds confirmed per document', () => {
  let backend: TestBackend;
  let lea: string;

  beforeAll(async () => {
    backend = await startSeededTestBackend({
      seed: { seed: 1, tickets: 20, callbacks: 0 },
      demo: true,
      now: () => DEFAULT_NOW,
    });
    lea = await login(backend.url, 'lea');
  });
  afterAll(() => backend.dispose());

  const approve = (body: object) =>
    mutate(backend.url, lea, 'decideRecovery', '18', { baseVersion: 1, decision: 'approve', ...body });

  it('refuses one kind for the whole request, and a confirmation that leaves a document out', async () => {
    const r = await backend.admin.get('recovery', '18');
    expect(r?.documents.map((d) => `${d.id} ${d.declaredName}`)).toEqual([
      `${PHOTO} IMG_20260302_5647.jpg`,
      `${INVOICE} Rechnung.pdf`,
    ]);
    for (const id of [PHOTO, INVOICE]) {
      expect((await call(backend.url, 'GET', PATHS.document(id), { token: lea })).status).toBe(200);
    }
    // An older console's single "ID card" cannot stand for two documents.
    const single = await approve({ documentKind: 'id_card' });
    expect([single.status, reasonOf(single)]).toEqual([422, 'approve_forbidden_by_checklist']);
    const half = await approve({ documentKinds: { [PHOTO]: 'id_card' } });
    expect([half.status, reasonOf(half)]).toEqual([422, 'approve_forbidden_by_checklist']);
    expect((half.body as { error: { message: string } }).error.message).toContain(`kind of ${INVOICE}`);
    // The invoice confirmed as what it is, the photo as an invoice too: nothing proves who asks.
    const noIdentity = await approve({ documentKinds: { [PHOTO]: 'invoice', [INVOICE]: 'invoice' } });
    expect([noIdentity.status, reasonOf(noIdentity)]).toEqual([422, 'approve_forbidden_by_checklist']);
    expect((await backend.admin.get('recovery', '18'))?.status).toBe('pending');
  });

  it('approves with each document confirmed, and keeps each kind in the decision', async () => {
    const ok = await approve({ documentKinds: { [PHOTO]: 'id_card', [INVOICE]: 'invoice' } });
    expect(ok.status, ok.text).toBe(200);
    expect((await backend.admin.get('recovery', '18'))?.decision).toMatchObject({
      decision: 'approve',
      documentKind: 'id_card',
      documentKinds: { [PHOTO]: 'id_card', [INVOICE]: 'invoice' },
      checklist: { reset_email_registered_or_document: 'pass', document_kind_fits_account: 'pass' },
    });
  });
});
