import { describe, expect, it } from 'vitest';
import type { CallbackDay } from '../../shared/ipc-callbacks.js';
import type { RecoveryQueueEntry } from '../../shared/ipc-recovery.js';
import { callbacksDueSoon, newRecoveryRequests } from './reminders.js';

const NOW = new Date('2026-11-26T13:20:00Z'); // 14:20 in Zurich

function day(...calls: { id: string; startsAt: string; status?: string }[]): CallbackDay {
  return {
    day: '2026-11-26',
    today: '2026-11-26',
    expertId: 'ag-marco',
    items: calls.map((c) => ({
      callback: { id: c.id, ticketId: `T-${c.id}`, startsAt: c.startsAt, status: c.status ?? 'scheduled' },
      customerName: 'Chiara Bernasconi',
      phoneDisplay: '+41 91 000 00 00',
    })),
  } as unknown as CallbackDay;
}

describe('callback reminders', () => {
  it('announces each scheduled callback of the next ten minutes once, by ticket, at Zurich time', () => {
    const announced = new Set<string>();
    const today = day(
      { id: 'soon', startsAt: '2026-11-26T13:28:00Z' },
      { id: 'later', startsAt: '2026-11-26T13:45:00Z' },
      { id: 'past', startsAt: '2026-11-26T13:10:00Z' },
      { id: 'done', startsAt: '2026-11-26T13:25:00Z', status: 'reached' },
    );
    const alerts = callbacksDueSoon(today, NOW, announced, 'fr');
    expect(alerts).toEqual([
      {
        kind: 'callback-due',
        title: 'Rappel à 14:28',
        body: 'Ticket T-soon',
        record: { kind: 'ticket', id: 'T-soon' },
      },
    ]);
    expect(callbacksDueSoon(today, NOW, announced, 'fr')).toEqual([]);
    const tenLater = new Date(NOW.getTime() + 16 * 60_000); // 14:36: the 14:45 call is nine minutes away
    expect(callbacksDueSoon(today, tenLater, announced, 'en').map((a) => a.title)).toEqual(['Callback at 14:45']);
  });

  it('never puts the customer name or number in the notification', () => {
    const [alert] = callbacksDueSoon(day({ id: 'x', startsAt: '2026-11-26T13:25:00Z' }), NOW, new Set(), 'de');
    expect(JSON.stringify(alert)).not.toMatch(/Chiara|Bernasconi|\+41/);
  });
});

describe('recovery request alerts', () => {
  const entry = (id: string, status = 'pending') =>
    ({ id, status, requesterName: 'Jean Muster' }) as RecoveryQueueEntry;

  it('learns the queue first, then announces only new pending requests', () => {
    const first = newRecoveryRequests([entry('R-1'), entry('R-2')], null, 'en');
    expect(first.alerts).toEqual([]);
    const second = newRecoveryRequests(
      [entry('R-1'), entry('R-2'), entry('R-3'), entry('R-4', 'approved')],
      first.seen,
      'en',
    );
    expect(second.alerts).toEqual([
      {
        kind: 'recovery-assigned',
        title: 'New recovery request',
        body: 'Request R-3 to verify',
        record: { kind: 'recovery', id: 'R-3' },
      },
    ]);
    expect(newRecoveryRequests([entry('R-3')], second.seen, 'en').alerts).toEqual([]);
    expect(JSON.stringify(second.alerts)).not.toContain('Muster');
  });
});
