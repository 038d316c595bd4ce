import { describe, expect, it } from 'vitest';
import { registerHandlers } from './handle.js';
import type { Handlers, IpcMainLike } from './handle.js';
import type { SyncStatus } from '../../shared/ipc.js';

type Listener = Parameters<IpcMainLike['handle']>[1];
type IpcMainInvokeEvent = Parameters<Listener>[0];

/** Records what main registers, standing in for Electron's ipcMain (the binary cannot run here). */
function recordingIpc(): IpcMainLike & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return { listeners, handle: (channel, listener) => listeners.set(channel, listener) };
}

const status: SyncStatus = {
  backend: { kind: 'embedded', url: 'http://127.0.0.1:1' },
  online: true,
  phase: 'live',
  progress: null,
  urgentReady: true,
  searchReady: true,
  lastPulledAt: null,
  problems: 0,
  rebuiltBecause: null,
};

const handlers: Handlers = {
  'sync:status': () => status,
  'queue:counts': (language) => [{ categoryId: 'dns', name: `dns-${language}`, new: 1, open: 2, pending: 3 }],
};

function event(url: string, parent: unknown = null): IpcMainInvokeEvent {
  return { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
}

describe('registerHandlers', () => {
  const ipc = recordingIpc();
  registerHandlers(ipc, handlers, ['app://console']);
  const call = (channel: string, e: IpcMainInvokeEvent, ...args: unknown[]) => {
    const listener = ipc.listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(e, ...args);
  };

  it('registers exactly the contract channels', () => {
    expect([...ipc.listeners.keys()].sort()).toEqual(['queue:counts', 'sync:status']);
  });

  it('answers our own top-level page with an ok envelope', async () => {
    await expect(call('queue:counts', event('app://console/index.html'), 'de')).resolves.toEqual({
      ok: true,
      value: [{ categoryId: 'dns', name: 'dns-de', new: 1, open: 2, pending: 3 }],
    });
  });

  it('refuses other origins, lookalikes and sub-frames', async () => {
    for (const e of [
      event('https://example.com/'),
      event('app://console.attacker.test/'),
      event('file:///etc/passwd'),
      event('app://console/index.html', { url: 'app://console/' }),
    ]) {
      await expect(call('sync:status', e)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
  });

  it('refuses arguments that do not match the schema, saying why', async () => {
    const answer = await call('queue:counts', event('app://console/'), 'xx');
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
  });
});
