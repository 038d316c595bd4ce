import { describe, expect, it } from 'vitest';
import { LANGUAGES, REJECT_REASONS } from '../entities.js';
import { composeRequesterMessage, reasonSentence, requesterMessage } from './messages.js';

describe('requesterMessage', () => {
  it('has a message for every reason but "other" in every language, addressed by name', () => {
    for (const reason of [...REJECT_REASONS.filter((r) => r !== 'other'), 'request_info', 'approve'] as const) {
      for (const lang of LANGUAGES) {
        const text = requesterMessage(reason, lang, 'Anna Keller');
        expect(text).toContain('Anna Keller');
        expect(text.length).toBeGreaterThan(60);
      }
    }
  });
  it('says in the requester language that an invoice is not an identity document', () => {
    expect(requesterMessage('invoice_not_identity', 'fr', 'A')).toContain(
      'une facture n’est pas un document d’identité',
    );
    expect(requesterMessage('invoice_not_identity', 'de', 'A')).toContain('Eine Rechnung ist kein Ausweisdokument');
    expect(requesterMessage('invoice_not_identity', 'it', 'A')).toContain('una fattura non è un documento d’identità');
    expect(requesterMessage('invoice_not_identity', 'en', 'A')).toContain('an invoice is not an identity document');
  });
  it('leaves the reason of "other" to the verifier: no dangling "for the following reason:"', () => {
    for (const lang of LANGUAGES) expect(reasonSentence('other', lang)).toBe('');
    expect(composeRequesterMessage('fr', 'Anna Keller', ' Le domaine a changé de titulaire. ')).toBe(
      'Bonjour Anna Keller,\n\nLe domaine a changé de titulaire.\n\nAvec nos meilleures salutations,\nLe support',
    );
  });
  it('tells a requester whose details match no account what to check', () => {
    expect(requesterMessage('no_matching_account', 'de', 'A')).toContain('keinem Kundenkonto');
  });
  it('reads well without a name', () => {
    expect(requesterMessage('document_missing', 'fr', ' ').startsWith('Bonjour,')).toBe(true);
  });
});
