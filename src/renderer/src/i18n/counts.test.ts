import { describe, expect, it } from 'vitest';
import { i18n } from './index.js';

describe('counts in the translations', () => {
  it('are grouped by thousands in each language, and still choose the plural form', () => {
    expect(i18n.t('queue.total', { count: 1_000_000, lng: 'fr' })).toMatch(/^1\s000\s000 tickets$/u);
    expect(i18n.t('queue.total', { count: 1_000_000, lng: 'de' })).toMatch(/^1['’]000['’]000 Tickets$/u);
    expect(i18n.t('queue.total', { count: 1, lng: 'en' })).toBe('1 ticket');
    expect(
      i18n.t('sidebar.categoryCounts', { name: 'Domaines', new: 4248, open: 5825, pending: 3800, lng: 'fr' }),
    ).toMatch(/^Domaines : 4\s248 nouveaux, 5\s825 ouverts, 3\s800 en attente$/u);
  });
});
