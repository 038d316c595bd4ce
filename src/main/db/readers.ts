/**
 * Every read the main thread makes of the cache, by subject. The services
 * create them once on the owner connection and hand them to the features,
 * which never see the connection itself.
 */
import { createAuditReader } from './audit-reader.js';
import type { AuditReader } from './audit-reader.js';
import { createCallbacksReader } from './callbacks-reader.js';
import type { CallbacksReader } from './callbacks-reader.js';
import type { Cache } from './connection.js';
import type { CacheReader } from './types.js';
import { createViewsReader } from './views-reader.js';
import type { ViewsReader } from './views-reader.js';

export interface CacheReaders {
  /** Records by id, counts, the outbox, messages, recovery queue, sync state and problems. */
  cache: CacheReader;
  /** The queue screen's windows, counts, duplicates, categories and agents. */
  views: ViewsReader;
  callbacks: CallbacksReader;
  audit: AuditReader;
}

export function createCacheReaders(cache: Pick<Cache, 'db' | 'reader'>): CacheReaders {
  return {
    cache: cache.reader,
    views: createViewsReader(cache.db),
    callbacks: createCallbacksReader(cache.db),
    audit: createAuditReader(cache.db),
  };
}
