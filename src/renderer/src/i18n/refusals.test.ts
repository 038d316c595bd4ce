/**
 * Every refusal code (src/shared/refusal-codes.ts) has a sentence in French,
 * German and English, with the same details to fill in each language, and
 * the console never falls back to the backend's English sentence.
 */
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../../../shared/refusal-codes.js';
import { refusalKey } from '../lib/refusal.js';
import de from './de.json';
import en from './en.json';
import fr from './fr.json';

const LANGUAGES = { fr, de, en } as const;
const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1] ?? '').sort();

describe('refusal texts', () => {
  it.each(Object.entries(LANGUAGES))('has a sentence for every code in %s', (_language, texts) => {
    const refusal: Record<string, string> = texts.refusal;
    const missing = [...REFUSAL_CODES, 'unknown'].filter((c) => (refusal[c] ?? '').trim() === '');
    expect(missing).toEqual([]);
  });

  it('fills in the same details in the three languages', () => {
    for (const code of REFUSAL_CODES) {
      const [first, ...others] = Object.values(LANGUAGES).map((l) =>
        placeholders((l.refusal as Record<string, string>)[code] ?? ''),
      );
      for (const o of others) expect(o, code).toEqual(first);
    }
  });

  it('maps a code to its key, and a code it does not know to the general sentence', () => {
    expect(refusalKey('stale_version')).toBe('refusal.stale_version');
    expect(refusalKey('a_providers_own_reason')).toBe('refusal.unknown');
    expect(refusalKey(null)).toBe('refusal.unknown');
  });
});
