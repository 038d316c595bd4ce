import { describe, expect, it } from 'vitest';
import { addressPieces } from './address-breaks.js';

const joined = (text: string): string =>
  addressPieces(text)
    .map((p) => p.text + (p.breakAfter ? '|' : ''))
    .join('');

describe('addressPieces', () => {
  it('lets an address end a line after its @ and its dots only', () => {
    expect(joined('marie.dupont-rochat@beispiel-hosting.ch')).toBe('marie.|dupont-rochat@|beispiel-hosting.|ch');
  });

  it('finds addresses inside text and leaves the words around them whole', () => {
    expect(joined('Écrivez à compta@favre.ch. Merci, M. Favre.')).toBe('Écrivez à compta@|favre.|ch. Merci, M. Favre.');
  });

  it('leaves text without an address as one piece, dots and @ of other things included', () => {
    expect(addressPieces('Version 2.4 @ midi')).toEqual([{ text: 'Version 2.4 @ midi', breakAfter: false }]);
    expect(addressPieces('')).toEqual([]);
  });

  it('keeps every character: the pieces put back together are the text', () => {
    const text = 'a@b.c, <x@y.ch> et "z@w.org"';
    expect(
      addressPieces(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
  });
});
