import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_WORDS, searchWords } from './search-words.js';

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
