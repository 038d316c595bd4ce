import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenRecord, ShellAlert } from '../../shared/ipc-shell.js';
import { createNotifier } from './notifications.js';
import { Notification, resetFakeElectron } from './testing/fake-electron.js';

vi.mock('electron', () => import('./testing/fake-electron.js'));

const alert: ShellAlert = {
  kind: 'recovery-assigned',
  title: 'Recovery request assigned to you',
  body: 'Request R-12 waits for your check',
  record: { kind: 'recovery', id: 'R-12' },
};

beforeEach(() => {
  resetFakeElectron();
});

describe('desktop notifications', () => {
  const make = (opened: (OpenRecord | null)[]) =>
    createNotifier(
      { isSupported: () => Notification.isSupported(), create: (o) => new Notification(o as never) as never },
      (r) => opened.push(r),
    );

  it('shows the alert and opens its record on click', () => {
    const opened: (OpenRecord | null)[] = [];
    expect(make(opened).show(alert)).toBe(true);
    expect(Notification.shown).toHaveLength(1);
    expect(Notification.shown[0]?.options).toMatchObject({ title: alert.title, body: alert.body });
    Notification.shown[0]?.emit('click');
    expect(opened).toEqual([{ kind: 'recovery', id: 'R-12' }]);
  });

  it('says so when the OS has no notifications', () => {
    Notification.supported = false;
    expect(make([]).show(alert)).toBe(false);
    expect(Notification.shown).toHaveLength(0);
  });
});
