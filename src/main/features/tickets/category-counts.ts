/** The sidebar's numbers: new / open / pending tickets per category, named in the agent's language. */
import type { Language } from '../../../shared/entities.js';
import type { CategoryCount } from '../../../shared/ipc.js';
import type { CacheReader } from '../../db/types.js';

export function categoryCounts(reader: CacheReader, language: Language): CategoryCount[] {
  const byCategory = new Map<string, CategoryCount>();
  const row = (categoryId: string): CategoryCount => {
    let entry = byCategory.get(categoryId);
    if (!entry) {
      const name = reader.getRecord('category', categoryId)?.names[language] ?? categoryId;
      entry = { categoryId, name, new: 0, open: 0, pending: 0 };
      byCategory.set(categoryId, entry);
    }
    return entry;
  };
  for (const count of reader.counts()) {
    if (count.status === 'new' || count.status === 'open' || count.status === 'pending') {
      row(count.categoryId)[count.status] += count.n;
    }
  }
  return [...byCategory.values()].sort((a, b) => a.name.localeCompare(b.name, language));
}
