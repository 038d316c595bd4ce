import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleApi } from '../../../../shared/ipc.js';
import { resetStore, useStore } from '../../store/index.js';
import { useSession } from './session-store.js';
import { openRecord, protectCaptureOnRecoveryDesk, runMenuCommand } from './shell-events.js';

const asked: string[] = [];

beforeEach(() => {
  resetStore();
  asked.length = 0;
  // Stands in for the preload's window.api: the record reads answer "not in the cache".
  const api = {
    'ticket:get': (id: string) => {
      asked.push(`ticket ${id}`);
      return Promise.resolve({ ok: true, value: null });
    },
    'shell:protectContent': (on: boolean) => {
      asked.push(`protect ${String(on)}`);
      return Promise.resolve({ ok: true, value: { protected: on } });
    },
    'recovery:get': (id: string) => {
      asked.push(`recovery ${id}`);
      return Promise.resolve({ ok: true, value: null });
    },
  } as unknown as ConsoleApi;
  Object.assign(globalThis, { window: { api } });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'window');
});

describe('deep links in the renderer', () => {
  it('a ticket link switches to triage and opens the ticket', () => {
    useStore.getState().setWorkspace('callbacks');
    openRecord({ kind: 'ticket', id: 'T-42' });
    expect(useStore.getState()).toMatchObject({ workspace: 'triage', openId: 'T-42' });
    expect(asked).toEqual(['ticket T-42']);
  });

  it('a recovery link switches to the verification desk and asks for the request', () => {
    openRecord({ kind: 'recovery', id: 'R-7' });
    expect(useStore.getState().workspace).toBe('recovery');
    expect(useSession.getState().requestedRecoveryId).toBe('R-7');
  });
});

describe('menu commands', () => {
  it('switch desks and open overlays like their shortcuts', () => {
    runMenuCommand('desk:recovery');
    expect(useStore.getState().workspace).toBe('recovery');
    runMenuCommand('desk:callbacks');
    expect(useStore.getState().workspace).toBe('callbacks');
    runMenuCommand('desk:triage');
    expect(useStore.getState().workspace).toBe('triage');
    runMenuCommand('palette');
    expect(useStore.getState().overlay).toBe('palette');
    runMenuCommand('settings');
    expect(useStore.getState().overlay).toBe('settings');
  });

  it('sign-out asks first', () => {
    runMenuCommand('sign-out');
    expect(useSession.getState().signOutOpen).toBe(true);
  });
});

describe('screen-capture protection', () => {
  it('is on exactly while the verification desk is shown', () => {
    const off = protectCaptureOnRecoveryDesk();
    const s = useStore.getState();
    s.setWorkspace('recovery');
    s.openOverlay('help');
    s.setWorkspace('callbacks');
    s.setWorkspace('triage');
    s.setWorkspace('recovery');
    off();
    s.setWorkspace('triage');
    expect(asked).toEqual(['protect false', 'protect true', 'protect false', 'protect true']);
  });
});
