import { describe, expect, it } from 'vitest';
import type { Callback } from '../../../../shared/entities.js';
import type { CallbackDayItem } from '../../../../shared/ipc-callbacks.js';
import { dueReminders, reminderKey } from './reminders.js';

const item = (id: string, startsAt: string, status: Callback['status'] = 'scheduled'): CallbackDayItem => ({
  callback: {
    id,
    ticketId: 't',
    expertId: 'e',
    startsAt,
    endsAt: startsAt,
    phone: '+41446681800',
    status,
    attempts: 0,
    note: null,
    version: 1,
    createdAt: startsAt,
    updatedAt: startsAt,
  },
  ticket: null,
  customerName: 'Anna',
  language: 'de',
  phoneDisplay: '+41 44 668 18 00',
  telHref: 'tel:+41446681800',
  attempt: 1,
  maxAttempts: 3,
  history: [],
});

describe('call reminders', () => {
  const now = Date.parse('2026-11-27T08:00:00.000Z');
  const items = [
    item('past', '2026-11-27T07:59:00.000Z'),
    item('soon', '2026-11-27T08:04:00.000Z'),
    item('edge', '2026-11-27T08:05:00.000Z'),
    item('later', '2026-11-27T08:06:00.000Z'),
    item('closed', '2026-11-27T08:03:00.000Z', 'cancelled'),
  ];

  it('reminds the scheduled calls starting within five minutes, once per call and time', () => {
    const due = dueReminders(items, now, new Set());
    expect(due.map((i) => i.callback.id)).toEqual(['soon', 'edge']);
    const reminded = new Set(due.map(reminderKey));
    expect(dueReminders(items, now + 30_000, reminded)).toEqual([]);
    // Moved to a new time: reminded again.
    const moved = item('soon', '2026-11-27T08:08:00.000Z');
    expect(dueReminders([moved], now + 4 * 60_000, reminded).map((i) => i.callback.id)).toEqual(['soon']);
  });
});
