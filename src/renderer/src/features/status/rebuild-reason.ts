/**
 * Why the cache is being rebuilt, as one of a few cases the person can read:
 * the reasons come from SQLite, the sync engine and the backend in their own
 * (English, technical) words, kept for the diagnostics and shown as a hint.
 */
export type RebuildWhy = 'damaged' | 'keyLost' | 'otherBackend' | 'serverHistory' | 'other';

export function rebuildWhy(reason: string): RebuildWhy {
  if (/\bkey\b/i.test(reason)) return 'keyLost';
  if (/quick_check|malformed|corrupt|not a database|SQLITE_(CORRUPT|NOTADB)/i.test(reason)) return 'damaged';
  if (/backend changed/i.test(reason)) return 'otherBackend';
  if (/cursor|history|diverged|restored/i.test(reason)) return 'serverHistory';
  return 'other';
}
