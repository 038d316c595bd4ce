/**
 * The diagnostics archive a person sends to support when something goes
 * wrong: one zip with the log files, the versions, the sync state, the
 * records the sync kept aside, and settings.json without its secrets. Zip
 * rather than tar.gz because every desktop opens it with a double click;
 * written with fflate (small, no dependencies, synchronous).
 *
 * What it never holds: tokens, passwords, keys (dropped by key), e-mail
 * addresses and phone numbers (scrubbed from every string), and the content
 * of the records kept aside (customer data): only their field names and the
 * reason they were refused.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { arch, release, type } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import type { SyncStatus } from '../../shared/ipc.js';
import type { SyncProblem } from '../db/types.js';
import { scrubValue } from './scrub.js';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../private-dir.js';

export interface Versions {
  app: string;
  electron: string | null;
  chrome: string | null;
  node: string;
  os: string;
}

export interface DiagnosticsInput {
  logFiles: readonly string[];
  /** <userData>/settings.json (may be missing). */
  settingsFile: string;
  versions: Versions;
  syncStatus: SyncStatus;
  problems: readonly SyncProblem[];
  now: Date;
}

/** The versions of this process; `electron` and `chrome` are null outside Electron (the browser harness). */
export function processVersions(appVersion: string): Versions {
  // Electron's typings declare these always present; under plain Node (the harness) they are not.
  const v = process.versions as Record<string, string | undefined>;
  return {
    app: appVersion,
    electron: v.electron ?? null,
    chrome: v.chrome ?? null,
    node: process.versions.node,
    os: `${type()} ${release()} ${arch()}`,
  };
}

/** settings.json as support may read it: secrets dropped by key, personal data scrubbed from the rest. */
export function settingsWithoutSecrets(settingsFile: string): unknown {
  if (!existsSync(settingsFile)) return { missing: true };
  const text = readFileSync(settingsFile, 'utf8');
  try {
    return scrubValue(JSON.parse(text));
  } catch (error) {
    // The broken file itself might hold a secret: say that it is broken, not what it holds.
    return { unreadable: error instanceof Error ? error.name : 'error', bytes: text.length };
  }
}

const json = (value: unknown): Uint8Array => strToU8(`${JSON.stringify(value, null, 2)}\n`);

export function buildDiagnosticsArchive(input: DiagnosticsInput): Uint8Array {
  const entries: Zippable = {
    'versions.json': json({ ...input.versions, createdAt: input.now.toISOString() }),
    'sync-status.json': json(scrubValue(input.syncStatus)),
    'sync-problems.json': json(
      input.problems.map((p) => ({
        kind: p.kind,
        id: p.id,
        version: p.version,
        reason: scrubValue(p.reason),
        firstSeen: p.firstSeen,
        lastSeen: p.lastSeen,
        fields: p.raw !== null && typeof p.raw === 'object' ? Object.keys(p.raw).sort() : [],
      })),
    ),
    'settings.json': json(settingsWithoutSecrets(input.settingsFile)),
  };
  // The log is written already scrubbed (logger.ts); a file rotated away meanwhile is simply left out.
  for (const file of input.logFiles)
    if (existsSync(file)) entries[`logs/${basename(file)}`] = new Uint8Array(readFileSync(file));
  return zipSync(entries, { level: 6, mtime: input.now });
}

/** <userData>/diagnostics/support-console-diagnostics-2026-12-02T01-35-28Z.zip */
export function diagnosticsFileName(now: Date): string {
  return `support-console-diagnostics-${now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}.zip`;
}

export function defaultDiagnosticsPath(userDataDir: string, now: Date): string {
  return join(userDataDir, 'diagnostics', diagnosticsFileName(now));
}

/** Writes the archive to `target` (beside it first, then renamed: no half archive if the disk fills). */
export function writeDiagnosticsArchive(input: DiagnosticsInput, target: string): { path: string; bytes: number } {
  const bytes = buildDiagnosticsArchive(input);
  // A new folder is private; a folder the person chose keeps its rights, the archive itself is theirs only.
  mkdirSync(dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  const partial = `${target}.partial`;
  writeFileSync(partial, bytes, { mode: PRIVATE_FILE_MODE });
  renameSync(partial, target);
  return { path: target, bytes: bytes.length };
}
