import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { tempDir } from '../db/test-fixtures.js';
import { backendOptions, DEMO_LOGIN, waitFor } from '../sync/test-support.js';
import { createConsoleServices } from '../services/index.js';
import type { ConsoleServices } from '../services/index.js';

let backend: ReferenceBackend;
let services: ConsoleServices;
let userDataDir: string;

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(50));
  userDataDir = tempDir('services-diagnostics');
  services = await createConsoleServices({
    userDataDir,
    appVersion: '9.8.7',
    env: {
      SUPPORT_CONSOLE_BACKEND_URL: backend.url,
      SUPPORT_CONSOLE_LOGIN: DEMO_LOGIN.login,
      SUPPORT_CONSOLE_PASSWORD: DEMO_LOGIN.password,
    },
  });
  await waitFor(() => {
    const s = services.handlers['sync:status']();
    return 'phase' in s && s.phase === 'live';
  }, 30_000);
});
afterAll(async () => {
  await services.stop();
  await backend.close();
});

const logText = () => readFileSync(join(userDataDir, 'logs', 'console.log'), 'utf8');

describe('the services log and their diagnostics', () => {
  it('log their start, the sync and every failing handler with its channel', async () => {
    await expect(services.handlers['outbox:resolve']('no-such-action', 'keep-theirs')).rejects.toThrow(
      /No outbox entry/,
    );
    const entries = logText()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; channel?: string; level: number });
    expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['services started', 'sync: signed in']));
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 50, channel: 'outbox:resolve', msg: 'outbox:resolve failed' }),
    );
  });

  it('keep sync handlers synchronous (the harness reads sync:status directly)', () => {
    expect(services.handlers['sync:status']()).toMatchObject({ phase: 'live' });
  });

  it('write the diagnostics archive into <userData>/diagnostics and say where', async () => {
    const answer = await services.handlers['shell:exportDiagnostics']();
    if (!answer.saved) throw new Error('not saved');
    expect(answer.path.startsWith(join(userDataDir, 'diagnostics', 'support-console-diagnostics-'))).toBe(true);
    const entries = unzipSync(new Uint8Array(readFileSync(answer.path)));
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining([
        'logs/console.log',
        'versions.json',
        'sync-status.json',
        'sync-problems.json',
        'settings.json',
      ]),
    );
    expect(JSON.parse(strFromU8(entries['versions.json'] ?? new Uint8Array()))).toMatchObject({ app: '9.8.7' });
    expect(JSON.parse(strFromU8(entries['sync-status.json'] ?? new Uint8Array()))).toMatchObject({ phase: 'live' });
    expect(strFromU8(entries['logs/console.log'] ?? new Uint8Array())).toContain('outbox:resolve failed');
  });

  it('answer an update check in the browser console with "not packaged"', async () => {
    expect(await services.handlers['shell:checkForUpdates']()).toEqual({ state: 'not-packaged' });
    expect(await services.handlers['shell:installUpdate']()).toEqual({ installing: false });
  });
});
