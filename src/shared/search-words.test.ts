import { describe, expect, it } from 'vitest';
import { exactProbes, MAX_SEARCH_WORDS, searchWords } from './search-words.js';

describe('searchWords', () => {
  it('finds no word in punctuation alone, so the search box can say so', () => {
    expect(searchWords(')))')).toEqual([]);
    expect(searchWords('  "" -- .. @@ ')).toEqual([]);
  });

  it('keeps addresses, domains and accented words whole, and reads operators as words', () => {
    expect(searchWords('marie.dupont@exemple.ch')).toEqual(['marie.dupont@exemple.ch']);
    expect(searchWords('"DNS AND (zone-file')).toEqual(['DNS', 'AND', 'zone-file']);
    expect(searchWords('résiliation…')).toEqual(['résiliation']);
    expect(searchWords('-www.exemple.ch.')).toEqual(['www.exemple.ch']);
  });

  it(`looks for at most ${MAX_SEARCH_WORDS} words`, () => {
    const many = Array.from({ length: 40 }, (_, i) => `mot${i}`).join(' ');
    expect(searchWords(many)).toHaveLength(MAX_SEARCH_WORDS);
  });
});

describe('exactProbes', () => {
  const none = { ticketId: null, email: null, customerNumbers: [], domain: null };

  it('reads a ticket number with or without #, and also tries it as a customer number', () => {
    expect(exactProbes('#1994')).toEqual({ ...none, ticketId: '1994', customerNumbers: ['1994'] });
    expect(exactProbes(' 1994 ')).toEqual({ ...none, ticketId: '1994', customerNumbers: ['1994'] });
    expect(exactProbes('#001994')?.ticketId).toBe('1994');
    expect(exactProbes('#0')?.ticketId).toBe('0');
  });

  it('reads an e-mail address in lower case, and nothing else from it', () => {
    expect(exactProbes('Marie.Dupont@Exemple.CH')).toEqual({ ...none, email: 'marie.dupont@exemple.ch' });
  });

  it('reads a customer number as typed and in upper case', () => {
    expect(exactProbes('ch-104233')).toEqual({ ...none, customerNumbers: ['ch-104233', 'CH-104233'] });
    expect(exactProbes('CH-104233')).toEqual({ ...none, customerNumbers: ['CH-104233'] });
  });

  it('reads a domain from a bare name, an address after @ or a pasted link', () => {
    expect(exactProbes('Exemple.ch')).toEqual({ ...none, domain: 'exemple.ch' });
    expect(exactProbes('@exemple.ch')?.domain).toBe('exemple.ch');
    expect(exactProbes('https://www.boulangerie-favre.ch/contact?x=1')?.domain).toBe('boulangerie-favre.ch');
    expect(exactProbes('müller-bau.de')?.domain).toBe('müller-bau.de');
  });

  it('asks for nothing exact in a sentence, a plain word or punctuation', () => {
    expect(exactProbes('facture 1994')).toBeNull();
    expect(exactProbes('résiliation')).toBeNull();
    expect(exactProbes('   ')).toBeNull();
    expect(exactProbes('#')).toBeNull();
    expect(exactProbes('a@b')).toBeNull();
  });
});
