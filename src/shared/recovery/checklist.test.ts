import { describe, expect, it } from 'vitest';
import type { Account, AttachmentMeta, RecoveryRequest } from '../entities.js';
import { evaluateChecklist } from './checklist.js';
import { recoveryVerdict } from './verdict.js';
import type { ChecklistInput, ChecklistItemId, DocumentKind } from './checklist.js';

const SHA = 'a'.repeat(64);
const doc = (over: Partial<AttachmentMeta> = {}): AttachmentMeta => ({
  id: 'd1',
  declaredName: 'carte.png',
  declaredType: 'image/png',
  size: 1000,
  sha256: SHA,
  ...over,
});

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
  registeredEmails: ['Anna@Keller.ch'],
};
const organisation: Pick<Account, 'type' | 'registeredEmails'> = {
  type: 'organisation',
  registeredEmails: ['info@keller-ag.ch'],
};

function input(over: {
  fields?: Partial<RecoveryRequest['fields']>;
  documents?: AttachmentMeta[];
  account?: ChecklistInput['account'];
  matched?: boolean;
  sniffed?: ChecklistInput['sniffed'];
  kind?: DocumentKind | null;
}): ChecklistInput {
  const documents = over.documents ?? [doc()];
  return {
    request: {
      fields: { ...FIELDS, ...over.fields },
      documents,
      matchedAccountId: over.matched === false ? null : 'acc-1',
    },
    account: over.account === undefined ? individual : over.account,
    sniffed: over.sniffed ?? Object.fromEntries(documents.map((d) => [d.id, 'png' as const])),
    documentKinds: kindsFor(documents, over.kind === undefined ? 'id_card' : over.kind),
  };
}

/** The same confirmed kind for each document (null: none confirmed). */
function kindsFor(documents: readonly AttachmentMeta[], kind: DocumentKind | null): Record<string, DocumentKind> {
  return kind === null ? {} : Object.fromEntries(documents.map((d) => [d.id, kind]));
}

const verdictOf = (i: ChecklistInput) => recoveryVerdict(i).state;

function itemOf(i: ChecklistInput, id: ChecklistItemId) {
  const found = evaluateChecklist(i).items.find((x) => x.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return { status: found.status, reason: found.reason, fields: found.fields };
}

describe('checklist: a complete request with a fitting ID card', () => {
  it('passes every item and may be approved', () => {
    const r = evaluateChecklist(input({}));
    expect(r.items.map((i) => i.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(verdictOf(input({}))).toBe('ready');
    expect(r.canApprove).toBe(true);
    expect(r.blockers).toEqual([]);
    expect(r.suggestedReason).toBeNull();
    expect(r.items[0]?.key).toBe('recovery.check.fields_complete.complete');
  });
});

describe('fields_complete', () => {
  it('fails and names every blank required field', () => {
    expect(itemOf(input({ fields: { phone: ' ', city: '' } }), 'fields_complete')).toEqual({
      status: 'fail',
      reason: 'missing',
      fields: ['phone', 'city'],
    });
  });
  it('does not require customer number, domain or message (people without an account have none)', () => {
    expect(itemOf(input({ fields: { customerNumber: '', domain: '', message: '' } }), 'fields_complete').status).toBe(
      'pass',
    );
  });
  it('requires the organisation name for an organisation', () => {
    const i = input({
      account: organisation,
      kind: 'company_stamp_signature',
      fields: { resetEmail: 'info@keller-ag.ch' },
    });
    expect(itemOf(i, 'fields_complete')).toMatchObject({ status: 'fail', fields: ['organisationName'] });
    i.request.fields.organisationName = 'Keller AG';
    expect(itemOf(i, 'fields_complete').status).toBe('pass');
  });
  it('fails an e-mail that is not an address', () => {
    expect(itemOf(input({ fields: { resetEmail: 'anna at keller' } }), 'fields_complete')).toMatchObject({
      status: 'fail',
      reason: 'invalid_email',
    });
  });
  it('forbids approval and suggests "fields incomplete"', () => {
    const r = evaluateChecklist(input({ fields: { street: '' } }));
    expect(r.canApprove).toBe(false);
    expect(verdictOf(input({ fields: { street: '' } }))).toBe('impossible');
    expect(r.suggestedReason).toBe('fields_incomplete');
  });
});

describe('account_matched', () => {
  it('fails when the backend matched no account', () => {
    const r = evaluateChecklist(input({ matched: false, account: null }));
    expect(r.items.find((i) => i.id === 'account_matched')?.status).toBe('fail');
    expect(r.canApprove).toBe(false);
  });
});

describe('document_present and format_matches', () => {
  it('fails without a document and suggests "document missing" when the e-mail is registered', () => {
    const r = evaluateChecklist(input({ documents: [] }));
    expect(itemOf(input({ documents: [] }), 'document_present').status).toBe('fail');
    expect(r.suggestedReason).toBe('document_missing');
    expect(r.canApprove).toBe(false);
  });
  it('needs a look until the bytes were sniffed, and blocks approval meanwhile', () => {
    const i = input({ sniffed: {} });
    expect(itemOf(i, 'format_matches')).toMatchObject({ status: 'review', reason: 'not_checked' });
    const r = evaluateChecklist(i);
    expect(r.canApprove).toBe(false);
    // Not "ready": a document nobody opened is a step still to take.
    expect(recoveryVerdict(i)).toMatchObject({
      state: 'pending',
      pending: [{ step: 'open_document', documentId: 'd1' }],
    });
  });
  it('fails when the bytes are none of PDF, GIF, PNG, JPG', () => {
    expect(itemOf(input({ sniffed: { d1: null } }), 'format_matches')).toMatchObject({
      status: 'fail',
      reason: 'not_accepted',
    });
  });
  it('fails a JPG named .pdf (judged by bytes, not name)', () => {
    const i = input({
      documents: [doc({ declaredName: 'id.pdf', declaredType: 'application/pdf' })],
      sniffed: { d1: 'jpeg' },
    });
    expect(itemOf(i, 'format_matches')).toMatchObject({ status: 'fail', reason: 'mismatch' });
    expect(evaluateChecklist(i).suggestedReason).toBe('document_unreadable');
  });
  it('fails when the name and the MIME type disagree', () => {
    const i = input({ documents: [doc({ declaredName: 'id.gif', declaredType: 'image/png' })] });
    expect(itemOf(i, 'format_matches').reason).toBe('mismatch');
  });
  it('asks for a look when nothing was declared, without blocking approval', () => {
    const i = input({ documents: [doc({ declaredName: 'scan', declaredType: 'application/octet-stream' })] });
    expect(itemOf(i, 'format_matches')).toMatchObject({ status: 'review', reason: 'declared_unknown' });
    const r = evaluateChecklist(i);
    expect(verdictOf(i)).toBe('ready'); // the real format is accepted; the verifier saw it and named the kind
    expect(r.canApprove).toBe(true);
  });
  it('checks every document: one mismatched file fails the item', () => {
    const docs = [doc(), doc({ id: 'd2', declaredName: 'facture.pdf', declaredType: 'application/pdf' })];
    expect(itemOf(input({ documents: docs, sniffed: { d1: 'png', d2: 'png' } }), 'format_matches').status).toBe('fail');
    expect(itemOf(input({ documents: docs, sniffed: { d1: 'png', d2: 'pdf' } }), 'format_matches').status).toBe('pass');
  });
});

describe('reset_email_registered_or_document (rule 3)', () => {
  const unregistered = { resetEmail: 'new.address@gmail.com' };
  it('passes a registered address whatever the document (case and spaces ignored)', () => {
    expect(
      itemOf(input({ fields: { resetEmail: ' ANNA@keller.ch ' } }), 'reset_email_registered_or_document'),
    ).toMatchObject({
      status: 'pass',
      reason: 'registered',
    });
  });
  it('registered e-mail without a document: the e-mail item passes, the document items fail', () => {
    const i = input({ documents: [], kind: null });
    expect(itemOf(i, 'reset_email_registered_or_document').status).toBe('pass');
    expect(itemOf(i, 'document_present').status).toBe('fail');
    expect(evaluateChecklist(i).canApprove).toBe(false);
  });
  it('unregistered e-mail without a document must be refused', () => {
    const i = input({ fields: unregistered, documents: [], kind: null });
    expect(itemOf(i, 'reset_email_registered_or_document')).toMatchObject({
      status: 'fail',
      reason: 'not_registered_no_document',
    });
    const r = evaluateChecklist(i);
    expect(verdictOf(i)).toBe('impossible');
    expect(r.canApprove).toBe(false);
    expect(r.suggestedReason).toBe('email_not_registered_no_document');
  });
  it('unregistered e-mail with an identity document passes', () => {
    expect(itemOf(input({ fields: unregistered }), 'reset_email_registered_or_document')).toMatchObject({
      status: 'pass',
      reason: 'not_registered_identity_document',
    });
    expect(evaluateChecklist(input({ fields: unregistered })).canApprove).toBe(true);
  });
  it('unregistered e-mail with an invoice fails and suggests "an invoice is not an identity document"', () => {
    const i = input({ fields: unregistered, kind: 'invoice' });
    expect(itemOf(i, 'reset_email_registered_or_document')).toMatchObject({
      status: 'fail',
      reason: 'not_registered_not_identity',
    });
    expect(itemOf(i, 'document_kind_fits_account').reason).toBe('invoice');
    expect(evaluateChecklist(i).suggestedReason).toBe('invoice_not_identity');
    expect(evaluateChecklist(i).canApprove).toBe(false);
  });
  it('unregistered e-mail with a document whose kind is not confirmed yet waits for the verifier', () => {
    const i = input({ fields: unregistered, kind: null });
    expect(itemOf(i, 'reset_email_registered_or_document').status).toBe('review');
    expect(evaluateChecklist(i).canApprove).toBe(false);
  });
  it('without a matched account no address counts as registered', () => {
    const i = input({ matched: false, account: null, documents: [], kind: null });
    expect(itemOf(i, 'reset_email_registered_or_document').status).toBe('fail');
  });
});

describe('document_kind_fits_account', () => {
  const cases: [string, ChecklistInput['account'], DocumentKind, string, string][] = [
    ['individual with an ID card', individual, 'id_card', 'pass', 'fits'],
    ['individual with a passport', individual, 'passport', 'pass', 'fits'],
    ['individual with a company stamp', individual, 'company_stamp_signature', 'fail', 'stamp_for_individual'],
    ['organisation with a company stamp', organisation, 'company_stamp_signature', 'pass', 'fits'],
    ['organisation with an ID card', organisation, 'id_card', 'fail', 'stamp_required'],
    ['organisation with a passport', organisation, 'passport', 'fail', 'stamp_required'],
    ['individual with an invoice', individual, 'invoice', 'fail', 'invoice'],
    ['organisation with an invoice', organisation, 'invoice', 'fail', 'invoice'],
    ['individual with another document', individual, 'other', 'fail', 'other'],
  ];
  it.each(cases)('%s', (_name, account, kind, status, reason) => {
    expect(itemOf(input({ account, kind }), 'document_kind_fits_account')).toMatchObject({ status, reason });
  });
  it('an organisation with an ID card must be refused, and the missing stamp asked for', () => {
    const i = input({
      account: organisation,
      kind: 'id_card',
      fields: { organisationName: 'Keller AG', resetEmail: 'info@keller-ag.ch' },
    });
    const r = evaluateChecklist(i);
    expect(verdictOf(i)).toBe('impossible');
    expect(r.canApprove).toBe(false);
    expect(r.suggestedReason).toBe('document_missing');
  });
  it('an individual with a stamp must be refused', () => {
    const r = evaluateChecklist(input({ kind: 'company_stamp_signature' }));
    expect(verdictOf(input({ kind: 'company_stamp_signature' }))).toBe('impossible');
    expect(r.canApprove).toBe(false);
  });
  it('waits for the verifier to name the kind; approval is blocked until then', () => {
    const r = evaluateChecklist(input({ kind: null }));
    expect(r.items.find((i) => i.id === 'document_kind_fits_account')?.reason).toBe('not_confirmed');
    expect(r.canApprove).toBe(false);
    expect(r.blockers.map((b) => b.id)).toEqual(['document_kind_fits_account']);
    expect(verdictOf(input({ kind: null }))).toBe('pending');
  });
  it('fails without any document', () => {
    expect(itemOf(input({ documents: [], kind: null }), 'document_kind_fits_account').reason).toBe('no_document');
  });
});

describe('states', () => {
  it('maps every item id to its status, as stored with a decision', () => {
    expect(evaluateChecklist(input({ kind: 'invoice' })).states).toEqual({
      fields_complete: 'pass',
      account_matched: 'pass',
      document_present: 'pass',
      format_matches: 'pass',
      reset_email_registered_or_document: 'pass',
      document_kind_fits_account: 'fail',
    });
  });
});
