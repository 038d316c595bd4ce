/**
 * The embedded default: with no backend configured, the console runs the
 * reference backend in-process on 127.0.0.1 (random port) over a seeded demo
 * database in the user-data folder, and signs in as the demo agent. The one
 * file in main allowed to import src/server.
 */
import { join } from 'node:path';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';

/** The demo agent holds every role, so every part of the console can be tried. */
export const EMBEDDED_DEMO_LOGIN = { login: 'lea', password: 'demo' } as const;

export async function startEmbeddedBackend(dataDir: string): Promise<ReferenceBackend> {
  return startReferenceBackend({
    dbPath: join(dataDir, 'reference-backend.sqlite'),
    host: '127.0.0.1',
    port: 0,
    seed: { seed: 1 },
    // The console signs in as the demo agent: its password is the published one.
    demo: true,
    // Same build as the cache's (src/main/db/connection.ts): Electron's ABI when npm start prepared one.
    nativeBinding: process.env.SUPPORT_CONSOLE_SQLITE_BINDING,
  });
}
