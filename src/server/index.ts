/**
 * The reference backend: the documented sync API over its own SQLite
 * database, seeded with realistic data, with fault switches. Started by the
 * CLI (cli.ts), by the console as its embedded default, and by tests.
 */
import { startBackend } from './backend.js';
import type { BackendOptions, ReferenceBackend } from './backend.js';
import { seedDataset } from './seed/index.js';
import type { SeedOptions } from './seed/index.js';

export type ReferenceBackendOptions = BackendOptions<SeedOptions>;

export function startReferenceBackend(opts: ReferenceBackendOptions): Promise<ReferenceBackend> {
  return startBackend(opts, seedDataset);
}

export type { ReferenceBackend } from './backend.js';
export type { BackendAdmin, PerformedReset } from './admin.js';
export type { FaultConfig } from './faults.js';
export type { Checksums } from './store/checksums.js';
export type { SeedSink } from './store/bulk.js';
export type { SeedOptions } from './seed/index.js';
