import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallbackDayItem } from '../../../../shared/ipc-callbacks.js';
import { resetStore, useStore } from '../../store/index.js';
import { CALLBACK_COMMANDS } from '../callbacks/useCallbackKeys.js';
import { RECOVERY_COMMANDS } from '../recovery/useRecoveryKeys.js';
import { commandEnabled, runCommand } from './commands.js';
import { registerDeskCommands, runDeskCommand } from './desk-commands.js';

const at = '2026-12-02T08:00:00.000Z';

function item(id: string, status: CallbackDayItem['callback']['status']): CallbackDayItem {
  return {
    callback: {
      id,
      ticketId: `T-${id}`,
      expertId: 'E-1',
      startsAt: at,
      endsAt: at,
      phone: '+41446681800',
      status,
      attempts: 1,
      note: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    },
    ticket: null,
    customerName: 'Anna Muster',
    language: 'de',
    phoneDisplay: '+41 44 668 18 00',
    telHref: 'tel:+41446681800',
    attempt: 1,
    maxAttempts: 3,
    history: [],
  };
}

/** A day with a call already made, then one still to make; the made one is selected. */
function showDay(): void {
  useStore.setState({
    cbDay: {
      day: '2026-12-02',
      today: '2026-12-02',
      expertId: 'E-1',
      items: [item('c1', 'reached'), item('c2', 'scheduled')],
      next: null,
    },
    cbSelectedId: 'c1',
  });
}

let unregister: (() => void)[] = [];

beforeEach(() => {
  resetStore();
  unregister = [
    registerDeskCommands('callbacks', CALLBACK_COMMANDS),
    registerDeskCommands('recovery', RECOVERY_COMMANDS),
  ];
});
afterEach(() => {
  for (const off of unregister) off();
});

describe('the callbacks desk’s commands', () => {
  it('act on the selected call only while it is scheduled', () => {
    showDay();
    expect(commandEnabled('callTake')).toBe(false);
    // The key is still the desk's (the browser does not get it), but nothing happens to a call already made.
    expect(runDeskCommand('callTake')).toBe(true);
    expect(useStore.getState().cbTakenId).toBeNull();

    runCommand('callNext');
    expect(useStore.getState().cbSelectedId).toBe('c2');
    expect(commandEnabled('callTake')).toBe(true);
    runCommand('callTake');
    expect(useStore.getState().cbTakenId).toBe('c2');
    runCommand('callPrev');
    expect(useStore.getState().cbSelectedId).toBe('c1');
  });

  it('stay quiet while the scheduling dialog is open, and once the desk has left the screen', () => {
    showDay();
    useStore.setState({
      cbSchedule: {
        ticketId: 'T-c2',
        callbackId: 'c2',
        scope: 'me',
        window: 'any',
        ticketWindow: null,
        week: null,
        day: null,
        loading: false,
        busy: false,
        conflict: null,
        booked: null,
      },
    });
    expect(runDeskCommand('callNext')).toBe(false);
    expect(commandEnabled('callNext')).toBe(false);
    expect(useStore.getState().cbSelectedId).toBe('c1');

    useStore.setState({ cbSchedule: null });
    unregister[0]?.();
    expect(runDeskCommand('callNext')).toBe(false);
    expect(useStore.getState().cbSelectedId).toBe('c1');
  });
});

describe('the recovery desk’s commands', () => {
  it('work on the verification screen only, and decide nothing without an open request', () => {
    useStore.setState({ recoveryView: 'audit' });
    expect(runDeskCommand('zoomIn')).toBe(false);
    expect(useStore.getState().recoveryViewerCommand).toBeNull();

    useStore.setState({ recoveryView: 'verify' });
    expect(runDeskCommand('zoomIn')).toBe(true);
    expect(useStore.getState().recoveryViewerCommand?.command).toBe('zoomIn');
    runCommand('pageNext');
    expect(useStore.getState().recoveryViewerCommand?.command).toBe('nextPage');

    expect(commandEnabled('reject')).toBe(false);
    expect(commandEnabled('approve')).toBe(false);
    runCommand('reject');
    expect(useStore.getState().recoveryMode).toBeNull();
  });
});
