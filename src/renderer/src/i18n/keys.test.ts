import { describe, expect, it } from 'vitest';
import de from './de.json';
import en from './en.json';
import fr from './fr.json';

/** Flattened keys without the plural suffix: each language may need different plural forms. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]: [string, unknown]) =>
    typeof v === 'object' && v !== null
      ? keys(v, `${prefix}${k}.`)
      : [`${prefix}${k}`.replace(/_(one|many|other)$/, '')],
  );
}

describe('translations', () => {
  it('have the same keys in French, German and English', () => {
    const reference = [...new Set(keys(fr))].sort();
    expect([...new Set(keys(de))].sort()).toEqual(reference);
    expect([...new Set(keys(en))].sort()).toEqual(reference);
  });
});
