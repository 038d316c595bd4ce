import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateCheck } from '../../../../shared/ipc-shell.js';
import type { ConsoleApi } from '../../../../shared/ipc.js';
import { resetStore, useStore } from '../../store/index.js';
import { announceUpdateReady } from './desktop-comforts.js';
import { runMenuCommand } from './shell-events.js';

const asked: string[] = [];
let updateAnswer: UpdateCheck;
let exportAnswer: { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

beforeEach(() => {
  resetStore();
  asked.length = 0;
  updateAnswer = { state: 'not-packaged' };
  exportAnswer = { ok: true, value: { saved: true, path: '/home/lea/Downloads/diag.zip', bytes: 1234 } };
  // Stands in for the preload's window.api.
  const api = {
    'shell:exportDiagnostics': () => {
      asked.push('export');
      return Promise.resolve(exportAnswer);
    },
    'shell:checkForUpdates': () => {
      asked.push('check');
      return Promise.resolve({ ok: true, value: updateAnswer });
    },
    'shell:installUpdate': () => {
      asked.push('install');
      return Promise.resolve({ ok: true, value: { installing: true } });
    },
  } as unknown as ConsoleApi;
  Object.assign(globalThis, { window: { api } });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const notices = () => useStore.getState().notices.map(({ kind, key, text, params }) => ({ kind, key, text, params }));

describe('the desktop comforts of the menu', () => {
  it('export diagnostics: the archive is written and its path shown', async () => {
    runMenuCommand('export-diagnostics');
    await settle();
    expect(asked).toEqual(['export']);
    expect(notices()).toEqual([
      { kind: 'info', key: 'notice.diagnosticsSaved', text: '/home/lea/Downloads/diag.zip', params: undefined },
    ]);
  });

  it('export diagnostics: nothing when the person cancels, an error notice when it fails', async () => {
    exportAnswer = { ok: true, value: { saved: false } };
    runMenuCommand('export-diagnostics');
    await settle();
    expect(notices()).toEqual([]);
    exportAnswer = { ok: false, error: { code: 'internal', message: 'shell:exportDiagnostics failed' } };
    runMenuCommand('export-diagnostics');
    await settle();
    expect(notices()).toEqual([
      { kind: 'error', key: 'notice.diagnosticsFailed', text: 'shell:exportDiagnostics failed', params: undefined },
    ]);
  });

  it('check for updates: says what the check found, with the version', async () => {
    const seen: unknown[] = [];
    for (const answer of [
      { state: 'not-packaged' },
      { state: 'no-feed' },
      { state: 'up-to-date', version: '1.2.0' },
      { state: 'downloading', version: '1.3.0' },
      { state: 'failed' },
    ] as UpdateCheck[]) {
      updateAnswer = answer;
      runMenuCommand('check-updates');
      await settle();
      seen.push(useStore.getState().notices.at(-1));
    }
    expect(seen).toEqual([
      expect.objectContaining({ kind: 'info', key: 'notice.updateNotPackaged' }),
      expect.objectContaining({ kind: 'info', key: 'notice.updateNoFeed' }),
      expect.objectContaining({ kind: 'info', key: 'notice.updateUpToDate', params: { version: '1.2.0' } }),
      expect.objectContaining({ kind: 'info', key: 'notice.updateDownloading', params: { version: '1.3.0' } }),
      expect.objectContaining({ kind: 'error', key: 'notice.updateFailed' }),
    ]);
  });

  it('a downloaded update: one notice with a restart button that installs it', async () => {
    announceUpdateReady('1.3.0');
    announceUpdateReady('1.3.0');
    const ready = useStore.getState().notices.filter((n) => n.key === 'notice.updateReady');
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({ params: { version: '1.3.0' }, action: { key: 'notice.updateRestart' } });
    ready[0]?.action?.run();
    await settle();
    expect(asked).toEqual(['install']);
  });
});
