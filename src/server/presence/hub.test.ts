/**
 * Two hubs on one bus, as two backend processes would be: what a console
 * says to one is heard by the consoles of the other, each hub expires a
 * silent person on its own, and a message that is not presence is ignored.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PresenceEvent } from '../../shared/presence.js';
import { InProcessBus } from '../bus/bus.js';
import { PresenceHub } from './hub.js';

describe('PresenceHub across processes', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hears what was said to another process, and forgets a silent person after the time to live', async () => {
    const bus = new InProcessBus();
    const heardBy = { a: [] as PresenceEvent[], b: [] as PresenceEvent[] };
    const a = new PresenceHub(bus, 1_000, (e) => heardBy.a.push(e));
    const b = new PresenceHub(bus, 1_000, (e) => heardBy.b.push(e));
    await a.say({ agentId: 'ag-1', name: 'Marco' }, { ticketId: '5', activity: 'viewing' });
    const viewing = { agentId: 'ag-1', name: 'Marco', ticketId: '5', activity: 'viewing' };
    expect(heardBy.b).toEqual([viewing]);
    expect(heardBy.a).toEqual([viewing]);
    expect(b.present()).toEqual([viewing]);
    // A keep-alive through the other process: nothing new, nobody woken, the time to live starts again.
    await vi.advanceTimersByTimeAsync(900);
    await b.say({ agentId: 'ag-1', name: 'Marco' }, { ticketId: '5', activity: 'viewing' });
    await vi.advanceTimersByTimeAsync(900);
    expect(heardBy.b).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(heardBy.a.at(-1)).toEqual({ ...viewing, ticketId: null });
    expect(heardBy.b.at(-1)).toEqual({ ...viewing, ticketId: null });
    expect(a.present()).toEqual([]);
    await bus.publish('presence', { agentId: 'ag-2', ticketId: '5' });
    expect(b.present()).toEqual([]);
    a.close();
    b.close();
  });
});
