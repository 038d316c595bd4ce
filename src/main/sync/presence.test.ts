/**
 * The presence heartbeat's rhythm: a change is said at once, the same state
 * said again is not (the window may report it many times: a keystroke never
 * makes a request), a quiet state is kept alive at the period, leaving
 * stops the keep-alive, and stop says "gone" once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PresenceUpdate } from '../../shared/presence.js';
import { createPresenceBeat, createPresenceBoard } from './presence.js';

describe('createPresenceBeat', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says a change at once, a repeat never, and keeps a quiet state alive at the period', async () => {
    const sent: PresenceUpdate[] = [];
    const beat = createPresenceBeat({
      keepAliveMs: 1_000,
      send: (u) => {
        sent.push(u);
        return Promise.resolve();
      },
    });
    beat.set({ ticketId: '7', activity: 'viewing' });
    for (let i = 0; i < 20; i++) beat.set({ ticketId: '7', activity: 'viewing' });
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual([{ ticketId: '7', activity: 'viewing' }]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    beat.set({ ticketId: '7', activity: 'replying' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.at(-1)).toEqual({ ticketId: '7', activity: 'replying' });
    // Leaving: said once, and nothing more to keep alive.
    beat.set({ ticketId: null, activity: 'viewing' });
    await vi.advanceTimersByTimeAsync(0);
    const count = sent.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(count);
    expect(sent.at(-1)).toEqual({ ticketId: null, activity: 'viewing' });
  });

  it('says "gone" when stopped on a ticket, then nothing; a failed send is dropped, not thrown', async () => {
    const sent: PresenceUpdate[] = [];
    const beat = createPresenceBeat({
      keepAliveMs: 1_000,
      send: (u) => {
        sent.push(u);
        return sent.length === 1 ? Promise.reject(new Error('offline')) : Promise.resolve();
      },
    });
    beat.set({ ticketId: '9', activity: 'replying' });
    await beat.stop();
    expect(sent).toEqual([
      { ticketId: '9', activity: 'replying' },
      { ticketId: null, activity: 'replying' },
    ]);
    beat.set({ ticketId: '10', activity: 'viewing' });
    beat.resend();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(2);
  });
});

describe('createPresenceBoard', () => {
  it('keeps who is where from the push events, forgets on "gone" and on clear, ignores what does not parse', () => {
    const seen: unknown[] = [];
    const board = createPresenceBoard((p) => seen.push(p));
    board.heard(JSON.stringify({ agentId: 'a', name: 'A', ticketId: '1', activity: 'viewing' }));
    board.heard(JSON.stringify({ agentId: 'b', name: 'B', ticketId: '1', activity: 'replying' }));
    board.heard('not json');
    board.heard(JSON.stringify({ agentId: 'c', ticketId: '1' }));
    expect(board.present()).toHaveLength(2);
    board.heard(JSON.stringify({ agentId: 'a', name: 'A', ticketId: null, activity: 'viewing' }));
    expect(board.present()).toEqual([{ agentId: 'b', name: 'B', ticketId: '1', activity: 'replying' }]);
    board.clear();
    expect(board.present()).toEqual([]);
    expect(seen).toHaveLength(4);
  });
});
