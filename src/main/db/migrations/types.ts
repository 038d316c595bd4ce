import type { Database } from 'better-sqlite3-multiple-ciphers';

/** One schema step. `version` is its position in MIGRATIONS (1-based); `up` runs inside the runner's transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
