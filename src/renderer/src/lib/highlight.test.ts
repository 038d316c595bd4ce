import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END as E, HIGHLIGHT_START as S } from '../../../shared/ipc.js';
import { splitHighlights } from './highlight.js';

describe('splitHighlights', () => {
  it('returns plain text as one unmatched part', () => {
    expect(splitHighlights('mon site est lent')).toEqual([{ text: 'mon site est lent', match: false }]);
  });

  it('splits matches out of the text', () => {
    expect(splitHighlights(`le ${S}certificat${E} SSL a ${S}expiré${E}`)).toEqual([
      { text: 'le ', match: false },
      { text: 'certificat', match: true },
      { text: ' SSL a ', match: false },
      { text: 'expiré', match: true },
    ]);
  });

  it('keeps HTML in customer text as plain text', () => {
    expect(splitHighlights(`<b>${S}x${E}</b>`)).toEqual([
      { text: '<b>', match: false },
      { text: 'x', match: true },
      { text: '</b>', match: false },
    ]);
  });

  it('treats an unclosed mark as a match to the end and drops stray end marks', () => {
    expect(splitHighlights(`a${E}b${S}c`)).toEqual([
      { text: 'ab', match: false },
      { text: 'c', match: true },
    ]);
  });

  it('handles empty input and empty matches', () => {
    expect(splitHighlights('')).toEqual([]);
    expect(splitHighlights(`${S}${E}x`)).toEqual([{ text: 'x', match: false }]);
  });
});
