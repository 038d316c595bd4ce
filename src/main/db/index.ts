export { openCache, openDatabase, isCorruptionError } from './connection.js';
export { CACHE_KEY_LOST, rekeyCache } from './cipher.js';
export type { Cache, CacheHealth, OpenOptions, OpenedDb } from './connection.js';
export { CacheTooNewError, MIGRATIONS, SCHEMA_VERSION, runMigrations } from './migrations/index.js';
export type { Migration } from './migrations/index.js';
export type * from './types.js';
export type * from './outbox-types.js';
