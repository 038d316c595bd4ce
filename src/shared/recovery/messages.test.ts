import { describe, expect, it } from 'vitest';
import { LANGUAGES, REJECT_REASONS } from '../entities.js';
import { requesterMessage } from './messages.js';

describe('requesterMessage', () => {
  it('has a message for every reason in every language, addressed by name', () => {
    for (const reason of [...REJECT_REASONS, 'request_info', 'approve'] as const) {
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
  it('reads well without a name', () => {
    expect(requesterMessage('document_missing', 'fr', ' ').startsWith('Bonjour,')).toBe(true);
  });
});
