import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openCache } from '../db/index.js';
import { initialSyncStatus } from '../sync/sync-status.js';
import { defaultDiagnosticsPath, processVersions, settingsWithoutSecrets, writeDiagnosticsArchive } from './archive.js';
import { createConsoleLog } from './logger.js';

const SECRETS = ['tok-SECRET-123', 'pw-SECRET-456', 'key-SECRET-789', 'lea.muster@example.ch', '+41 79 123 45 67'];

/** A userData folder as the app leaves it: a log, a settings.json holding secrets, a cache with a record kept aside. */
function userDataWithEverything() {
  const dir = mkdtempSync(join(tmpdir(), 'sc-diag-'));
  const { log, files, close } = createConsoleLog({ userDataDir: dir });
  log.info({ channel: 'session:signIn' }, 'signed in');
  log.warn({ kind: 'ticket', id: 'T-1' }, 'record kept aside');
  close();
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({
      language: 'de',
      backendUrl: 'https://support.example.ch',
      login: 'lea.muster@example.ch',
      sessionToken: 'tok-SECRET-123',
      password: 'pw-SECRET-456',
      vault: { encryptionKey: 'key-SECRET-789', backend: 'gnome_libsecret' },
      agent: { id: 'A-1', name: 'Lea', roles: ['triage'], phone: '+41 79 123 45 67' },
    }),
  );
  const cache = openCache(join(dir, 'cache.sqlite'), { owner: true });
  const rejected = {
    kind: 'ticket',
    id: 'T-9',
    reason: 'requesterEmail: Invalid email address',
    raw: { id: 'T-9', requesterEmail: 'not-an-address lea.muster@example.ch', callbackPhone: '+41 79 123 45 67' },
  };
  cache.writer.applyChanges([], [rejected], 'c-1', 'live');
  const problems = cache.reader.problems();
  cache.close();
  return { dir, logFiles: files(), problems };
}

describe('the diagnostics archive', () => {
  it('holds the logs, versions, sync state, records kept aside and settings, and none of the secrets', () => {
    const { dir, logFiles, problems } = userDataWithEverything();
    const now = new Date('2026-12-02T01:35:28.123Z');
    const target = defaultDiagnosticsPath(dir, now);
    const status = { ...initialSyncStatus({ kind: 'remote', url: 'https://support.example.ch' }, null), problems: 1 };
    const written = writeDiagnosticsArchive(
      {
        logFiles,
        settingsFile: join(dir, 'settings.json'),
        versions: processVersions('1.2.3'),
        syncStatus: status,
        problems,
        now,
      },
      target,
    );
    expect(written.path).toBe(join(dir, 'diagnostics', 'support-console-diagnostics-2026-12-02T01-35-28Z.zip'));
    const bytes = readFileSync(written.path);
    expect(bytes.length).toBe(written.bytes);

    const entries = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(entries).sort()).toEqual([
      'logs/console.log',
      'settings.json',
      'sync-problems.json',
      'sync-status.json',
      'versions.json',
    ]);
    const read = (name: string): unknown => JSON.parse(strFromU8(entries[name] ?? new Uint8Array()));
    expect(read('versions.json')).toMatchObject({ app: '1.2.3', node: process.versions.node, electron: null });
    expect(read('sync-status.json')).toMatchObject({ problems: 1, backend: { kind: 'remote' } });
    expect(read('sync-problems.json')).toEqual([
      expect.objectContaining({
        kind: 'ticket',
        id: 'T-9',
        reason: 'requesterEmail: Invalid email address',
        fields: ['callbackPhone', 'id', 'requesterEmail'],
      }),
    ]);
    expect(read('settings.json')).toMatchObject({
      language: 'de',
      backendUrl: 'https://support.example.ch',
      login: '[email]',
      vault: { backend: 'gnome_libsecret' },
      agent: { id: 'A-1', roles: ['triage'] },
    });
    expect(strFromU8(entries['logs/console.log'] ?? new Uint8Array())).toContain('record kept aside');

    const everything = Object.values(entries)
      .map((e) => strFromU8(e))
      .join('\n');
    for (const secret of SECRETS) expect(everything, secret).not.toContain(secret);
  });

  it('says settings.json is unreadable without quoting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-diag-'));
    writeFileSync(join(dir, 'settings.json'), '{"sessionToken": "tok-SECRET-123", ');
    expect(settingsWithoutSecrets(join(dir, 'settings.json'))).toEqual({ unreadable: 'SyntaxError', bytes: 35 });
    expect(settingsWithoutSecrets(join(dir, 'missing.json'))).toEqual({ missing: true });
  });
});
