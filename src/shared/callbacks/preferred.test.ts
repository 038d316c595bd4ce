import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preferredWindowFromText } from './preferred.js';

const w = (from: string, to: string) => {
  const m = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  return { fromMinutes: m(from), toMinutes: m(to) };
};

describe('the preferred time a ticket names', () => {
  it('reads ranges in French, German, English and Italian', () => {
    expect(preferredWindowFromText('Merci de me rappeler entre 14h et 16h.')).toEqual(w('14:00', '16:00'));
    expect(preferredWindowFromText('Bitte rufen Sie mich zwischen 9 und 11 Uhr an.')).toEqual(w('09:00', '11:00'));
    expect(preferredWindowFromText('Please call between 2 and 4 pm')).toEqual(w('14:00', '16:00'));
    expect(preferredWindowFromText('Richiamatemi tra le 10 e le 12, grazie')).toEqual(w('10:00', '12:00'));
    expect(preferredWindowFromText('Erreichbar 13:30-15:45')).toEqual(w('13:30', '15:45'));
  });

  it('reads parts of the day, and clips to business hours', () => {
    expect(preferredWindowFromText('Plutôt le matin svp')).toEqual(w('08:00', '12:00'));
    expect(preferredWindowFromText('Am besten nachmittags')).toEqual(w('13:00', '17:00'));
    expect(preferredWindowFromText('any time in the afternoon')).toEqual(w('13:00', '17:00'));
    expect(preferredWindowFromText('entre 7h et 9h')).toEqual(w('08:00', '09:00'));
    expect(preferredWindowFromText('zwischen 18 und 20 Uhr')).toBeNull();
  });

  it('says nothing when the text names no time', () => {
    expect(preferredWindowFromText('Mon site ne répond plus depuis ce matin.')).toBeNull();
    expect(preferredWindowFromText('Seit heute Morgen geht nichts mehr.')).toBeNull();
    expect(preferredWindowFromText('Ich bin morgen im Büro.')).toBeNull(); // "morgen" = tomorrow
    expect(preferredWindowFromText('It broke this afternoon.')).toBeNull();
    expect(preferredWindowFromText('Mein Postfach ist voll.')).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const got = preferredWindowFromText(text);
        if (got !== null) {
          expect(got.fromMinutes).toBeGreaterThanOrEqual(8 * 60);
          expect(got.toMinutes).toBeLessThanOrEqual(17 * 60);
          expect(got.fromMinutes).toBeLessThan(got.toMinutes);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
