import { describe, expect, it } from 'vitest';
import { registerHandlers } from './handle.js';
import type { IpcMainLike } from './handle.js';
import type { Handlers } from '../../shared/ipc-handlers.js';
import { INVOKE_CHANNELS } from '../../shared/ipc.js';
import type { Session, SyncStatus } from '../../shared/ipc.js';

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
  connection: 'online',
  storage: null,
  phase: 'live',
  progress: null,
  urgentReady: true,
  searchReady: true,
  lastPulledAt: null,
  problems: 0,
  rebuiltBecause: null,
  outboxPending: 0,
  outboxNeedsAttention: 0,
};

const session: Session = { agent: { id: 'ag-lea', name: 'Léa Favre', roles: ['agent'] }, language: 'fr' };
const refuse = () => {
  throw new Error('not called in this test');
};
const handlers: Handlers = {
  'recovery:queue': refuse,
  'recovery:get': refuse,
  'recovery:openDocument': refuse,
  'recovery:decide': refuse,
  'recovery:audit': refuse,
  'presence:set': refuse,
  'presence:get': refuse,
  'session:get': () => session,
  'settings:setLanguage': (language) => ({ ...session, language }),
  'settings:get': refuse,
  'settings:update': refuse,
  'settings:testBackend': refuse,
  'sync:status': () => status,
  'queue:counts': refuse,
  'queue:window': refuse,
  'ticket:get': (id) => (id === 'boom' ? refuse() : null),
  'callbacks:day': refuse,
  'callbacks:eligibility': refuse,
  'callbacks:freeSlots': refuse,
  'callbacks:freeWeek': refuse,
  'attachments:open': refuse,
  'callbacks:book': refuse,
  'callbacks:reschedule': refuse,
  'callbacks:close': refuse,
  'ticket:act': refuse,
  'outbox:resolve': refuse,
  'categories:list': () => [],
  'agents:list': () => [],
  'canned:list': () => [],
  'session:state': refuse,
  'session:signIn': refuse,
  'session:acceptInsecureStorage': refuse,
  'session:signOut': refuse,
  'shell:protectContent': refuse,
  'shell:exportDiagnostics': refuse,
  'shell:checkForUpdates': refuse,
  'shell:installUpdate': refuse,
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
    expect([...ipc.listeners.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('answers our own top-level page with an ok envelope', async () => {
    await expect(call('settings:setLanguage', event('app://console/index.html'), 'de')).resolves.toEqual({
      ok: true,
      value: { ...session, language: 'de' },
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
    for (const args of [['xx'], [], ['de', 'extra'], [{ toString: 'de' }]]) {
      const answer = await call('settings:setLanguage', event('app://console/'), ...args);
      expect(answer).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
    }
  });

  it('turns a failing handler into an error envelope without internals', async () => {
    const answer = await call('ticket:get', event('app://console/'), 'boom');
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: 'ticket:get failed' } });
  });
});
