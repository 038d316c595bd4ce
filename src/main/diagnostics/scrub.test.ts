import { describe, expect, it } from 'vitest';
import { REDACTED, scrubText, scrubValue } from './scrub.js';

describe('scrubText', () => {
  it('removes e-mail addresses, accents and plus-tags included', () => {
    expect(scrubText('no account for anna.muster+shop@example.ch.')).toBe('no account for [email].');
    expect(scrubText('reset to josé.müller@büro-zürich.ch please')).toBe('reset to [email] please');
  });

  it('removes phone numbers in the ways customers type them', () => {
    for (const phone of [
      '079 123 45 67',
      '+41 44 668 18 00',
      '+41791234567',
      '0041 79 123 45 67',
      '044/668.18.00',
      '+1 (415) 555-0100',
      '+49-30-1234567',
    ])
      expect(scrubText(`call ${phone} today`), phone).toBe('call [phone] today');
  });

  it('leaves dates, times, ids, versions, ports and counts readable', () => {
    const text =
      'at 2026-12-02T01:35:06.677Z (02.12.2026) ticket T-000123 CH-104233 v1.2.3 port 54321 took 1234567 ms, 12 000 rows';
    expect(scrubText(text)).toBe(text);
  });
});

describe('scrubValue', () => {
  it('redacts secret and personal keys at any depth, scrubs the text of the rest', () => {
    const value = {
      token: 'eyJhbGciOi',
      request: { headers: { authorization: 'Bearer abc', 'x-trace': 'ok' } },
      agent: { sessionToken: 'x', password: 'demo', login: 'lea' },
      ticket: { requesterEmail: 'a@b.ch', callbackPhone: '+41791234567', subject: 'mail me at c@d.ch' },
      account: { registeredEmails: ['e@f.ch'] },
      list: [{ apiKey: 'k' }, 'call 079 123 45 67'],
    };
    expect(scrubValue(value)).toEqual({
      token: REDACTED,
      request: { headers: { authorization: REDACTED, 'x-trace': 'ok' } },
      agent: { sessionToken: REDACTED, password: REDACTED, login: 'lea' },
      ticket: { requesterEmail: REDACTED, callbackPhone: REDACTED, subject: 'mail me at [email]' },
      account: { registeredEmails: REDACTED },
      list: [{ apiKey: REDACTED }, 'call [phone]'],
    });
  });

  it('reduces document bytes to their length and errors to scrubbed fields', () => {
    const cause = new Error('upstream refused bob@example.com');
    const error = Object.assign(new Error('no account for anna@example.ch', { cause }), { code: 'E_NOACCOUNT' });
    const out = scrubValue({ document: new Uint8Array(2048), err: error }) as {
      document: string;
      err: { type: string; message: string; stack: string; code: string; cause: { message: string } };
    };
    expect(out.document).toBe('[2048 bytes]');
    expect(out.err).toMatchObject({
      type: 'Error',
      message: 'no account for [email]',
      code: 'E_NOACCOUNT',
      cause: { message: 'upstream refused [email]' },
    });
    expect(out.err.stack).not.toContain('anna@example.ch');
    expect(JSON.stringify(out)).not.toMatch(/@example/);
  });

  it('does not loop on cycles', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(JSON.stringify(scrubValue(a))).toContain('[too deep]');
  });
});
