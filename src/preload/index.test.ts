/**
 * The preload, run against the recording Electron fake: it exposes exactly
 * the contract (one function per invoke channel, one event subscriber), no
 * generic invoke, and refuses to subscribe to events outside the contract.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS, IPC_EVENT_CHANNELS } from '../shared/ipc.js';
import type { ConsoleApi } from '../shared/ipc.js';
import { contextBridge, fakeEvent, ipcRenderer, resetFakeElectron } from '../main/shell/testing/fake-electron.js';

vi.mock('electron', () => import('../main/shell/testing/fake-electron.js'));

let api: ConsoleApi;
beforeAll(async () => {
  resetFakeElectron();
  await import('./index.js');
  api = contextBridge.exposed.get('api') as ConsoleApi;
});

describe('window.api', () => {
  it('is exposed once, as exactly the contract', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual([...INVOKE_CHANNELS, 'on'].sort());
    expect(INVOKE_CHANNELS).toEqual(
      expect.arrayContaining(['session:state', 'session:signIn', 'session:signOut', 'shell:protectContent']),
    );
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('sends each call on its own channel with its arguments', async () => {
    await api['session:signIn']('lea', 'demo');
    await api['shell:protectContent'](true);
    expect(ipcRenderer.invoked).toEqual([
      { channel: 'session:signIn', args: ['lea', 'demo'] },
      { channel: 'shell:protectContent', args: [true] },
    ]);
  });

  it('subscribes to contract events only, and unsubscribes', () => {
    expect(IPC_EVENT_CHANNELS).toEqual(expect.arrayContaining(['session:changed', 'shell:open', 'shell:menu']));
    const got: unknown[] = [];
    const off = api.on('shell:open', (p) => got.push(p));
    ipcRenderer.emit('shell:open', fakeEvent(), { kind: 'ticket', id: '1' });
    off();
    ipcRenderer.emit('shell:open', fakeEvent(), { kind: 'ticket', id: '2' });
    expect(got).toEqual([{ kind: 'ticket', id: '1' }]);
    expect(() => api.on('not:an-event' as never, () => undefined)).toThrow(/unknown event/);
  });
});
