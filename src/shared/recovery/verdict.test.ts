import { describe, expect, it } from 'vitest';
import type { Account, AttachmentMeta, RecoveryRequest } from '../entities.js';
import { kindSuggestedByName } from './document-names.js';
import { recoveryVerdict } from './verdict.js';
import type { VerdictInput } from './verdict.js';

const doc = (id: string, declaredName: string, declaredType: string): AttachmentMeta => ({
  id,
  declaredName,
  declaredType,
  size: 1000,
  sha256: 'a'.repeat(64),
});
const ID = doc('d1', 'carte-identite.png', 'image/png');
const INVOICE = doc('d2', 'Rechnung.pdf', 'application/pdf');
const STAMP = doc('d3', 'Stempel_Unterschrift.pdf', 'application/pdf');

const FIELDS: RecoveryRequest['fields'] = {
  firstName: 'Anna',
  lastName: 'Keller',
  organisationName: '',
  customerNumber: 'CH-100001',
  domain: 'keller.ch',
  contactEmail: 'anna@keller.ch',
  resetEmail: 'anna@keller.ch',
  phone: '+41 79 123 45 67',
  street: 'Bahnhofstrasse 1',
  postalCode: '8001',
  city: 'Zürich',
  country: 'Schweiz',
  message: '',
};
const individual: Pick<Account, 'type' | 'registeredEmails'> = {
  type: 'individual',
  registeredEmails: ['anna@keller.ch'],
};

function input(
  documents: AttachmentMeta[],
  documentKinds: VerdictInput['documentKinds'],
  over: { resetEmail?: string; opened?: string[]; organisationName?: string } = {},
): VerdictInput {
  const sniffed = Object.fromEntries(
    documents
      .filter((d) => over.opened?.includes(d.id) ?? true)
      .map((d) => [d.id, d.declaredType === 'application/pdf' ? ('pdf' as const) : ('png' as const)]),
  );
  return {
    request: {
      fields: {
        ...FIELDS,
        resetEmail: over.resetEmail ?? FIELDS.resetEmail,
        organisationName: over.organisationName ?? '',
      },
      documents,
      matchedAccountId: 'acc-1',
    },
    account: individual,
    sniffed,
    documentKinds,
  };
}

describe('recoveryVerdict', () => {
  it('is pending, not "cannot approve", before the verifier did anything: it names each step', () => {
    const v = recoveryVerdict(input([ID], {}, { opened: [] }));
    expect(v.state).toBe('pending');
    expect(v.failed).toEqual([]);
    expect(v.pending.map((p) => `${p.step}:${p.fileName}`)).toEqual([
      'open_document:carte-identite.png',
      'confirm_kind:carte-identite.png',
    ]);
  });

  it('is ready only once every document is opened and its kind confirmed', () => {
    expect(recoveryVerdict(input([ID], {})).state).toBe('pending');
    expect(recoveryVerdict(input([ID], { d1: 'id_card' })).state).toBe('ready');
  });

  it('never calls an invoice-only request to an unregistered address ready', () => {
    const unregistered = { resetEmail: 'neu@gmail.com' };
    const before = recoveryVerdict(input([INVOICE], {}, unregistered));
    expect(before.state).toBe('pending');
    expect(before.pending).toEqual([
      { step: 'confirm_kind', documentId: 'd2', fileName: 'Rechnung.pdf', suggested: 'invoice' },
    ]);
    const after = recoveryVerdict(input([INVOICE], { d2: 'invoice' }, unregistered));
    expect(after.state).toBe('impossible');
    expect(after.failed.map((f) => `${f.id}:${f.reason}`)).toEqual([
      'reset_email_registered_or_document:not_registered_not_identity',
      'document_kind_fits_account:invoice',
    ]);
  });

  it('asks for a confirmation of each document: the ID card confirmed does not cover the invoice', () => {
    const v = recoveryVerdict(input([ID, INVOICE], { d1: 'id_card' }));
    expect(v.state).toBe('pending');
    expect(v.pending.map((p) => p.documentId)).toEqual(['d2']);
    expect(recoveryVerdict(input([ID, INVOICE], { d1: 'id_card', d2: 'invoice' })).state).toBe('ready');
  });

  it("refuses an organisation's stamp for a private account, naming the rule", () => {
    const v = recoveryVerdict(input([STAMP], { d3: 'company_stamp_signature' }, { organisationName: 'Keller AG' }));
    expect(v.state).toBe('impossible');
    expect(v.failed.map((f) => f.reason)).toEqual(['stamp_for_individual']);
  });

  it('is impossible at once when the data alone breaks a rule, with the steps still listed', () => {
    const v = recoveryVerdict({ ...input([], {}), request: { ...input([], {}).request, matchedAccountId: null } });
    expect(v.state).toBe('impossible');
    expect(v.failed.map((f) => f.id)).toContain('account_matched');
  });

  it('is impossible for a document the shared document checks refuse, whatever kind it was confirmed as', () => {
    const v = recoveryVerdict({ ...input([ID], { d1: 'id_card' }), refused: { d1: 'image_too_large' } });
    expect(v.state).toBe('impossible');
    expect(v.failed).toEqual([]);
    expect(v.refused).toEqual([{ documentId: 'd1', fileName: 'carte-identite.png', reason: 'image_too_large' }]);
  });

  it('takes the documents the verifier downloaded when the backend says which', () => {
    const i = { ...input([ID], { d1: 'id_card' as const }), opened: new Set<string>() };
    expect(recoveryVerdict(i).pending.map((p) => p.step)).toEqual(['open_document']);
    expect(recoveryVerdict({ ...i, opened: new Set(['d1']) }).state).toBe('ready');
  });
});

describe('kindSuggestedByName', () => {
  it.each([
    ['Rechnung.pdf', 'invoice'],
    ['facture_2026.PDF', 'invoice'],
    ['fattura.pdf', 'invoice'],
    ['Stempel_Unterschrift.png', 'company_stamp_signature'],
    ['cachet_signature.PDF', 'company_stamp_signature'],
    ['passeport.jpg', 'passport'],
    ['Pass.pdf', 'passport'],
    ['ID_Ausweis.jpg', 'id_card'],
    ['carte-identité.png', 'id_card'],
    ['IMG_20260302_5647.jpg', null],
    ['Dokument.gif', null],
    ['passeport-et-facture.pdf', null],
  ])('%s → %s', (name, kind) => {
    expect(kindSuggestedByName(name)).toBe(kind);
  });
});
