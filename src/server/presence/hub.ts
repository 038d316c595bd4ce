/**
 * Presence on tickets, in memory only (never the database): who has which
 * ticket open and whether they reply. A console's word goes out on the
 * message bus (bus/bus.ts, topic `presence`), and every process's hub,
 * this one's included, updates its table only from what the bus delivers:
 * a hub never assumes that the consoles it serves are the ones that spoke to
 * it. A person without a word for `ttlMs` is forgotten; the time to live
 * travels with the message and counts from receipt, so clocks need not
 * agree. Each change that others would see (a new ticket, a new activity,
 * gone) goes to `onChange`, which the backend points at its push channel; a
 * bare keep-alive changes nothing and wakes nobody.
 */
import { z } from 'zod';
import { PresenceActivity } from '../../shared/presence.js';
import type { PresenceEvent, PresenceUpdate } from '../../shared/presence.js';
import type { MessageBus } from '../bus/bus.js';

/** One console's word about its person, as it travels between processes. */
const PresenceMessage = z.object({
  agentId: z.string().min(1),
  name: z.string(),
  /** Null: the person left (closed the ticket, signed out, the console stopped). */
  ticketId: z.string().min(1).nullable(),
  activity: PresenceActivity,
  /** How long a receiver keeps it without a newer message, from receipt. */
  ttlMs: z.number().int().positive(),
});
type PresenceMessage = z.infer<typeof PresenceMessage>;

interface Held {
  event: PresenceEvent;
  expiry: NodeJS.Timeout;
}

export class PresenceHub {
  /** By agent: one presence per person (a second console of the same person replaces the first's). */
  private readonly held = new Map<string, Held>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly ttlMs: number,
    private readonly onChange: (event: PresenceEvent) => void,
  ) {
    this.unsubscribe = bus.subscribe('presence', (body) => {
      // Another process's message (another version, perhaps): one that does not parse is not presence.
      const message = PresenceMessage.safeParse(body);
      if (message.success) this.receive(message.data);
    });
  }

  /** What a console said about its person: to every process (this one hears it back through the bus). */
  say(who: { agentId: string; name: string }, update: PresenceUpdate): Promise<void> {
    if (this.closed) return Promise.resolve();
    const message: PresenceMessage = { ...who, ...update, ttlMs: this.ttlMs };
    return this.bus.publish('presence', message);
  }

  /** Everyone present now, for a console that just connected (it hears changes from then on). */
  present(): PresenceEvent[] {
    return [...this.held.values()].map((h) => h.event);
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    for (const h of this.held.values()) clearTimeout(h.expiry);
    this.held.clear();
  }

  private receive(m: PresenceMessage): void {
    if (this.closed) return;
    const before = this.held.get(m.agentId);
    if (before !== undefined) clearTimeout(before.expiry);
    const event: PresenceEvent = { agentId: m.agentId, name: m.name, ticketId: m.ticketId, activity: m.activity };
    if (m.ticketId === null) {
      this.held.delete(m.agentId);
      if (before !== undefined) this.onChange(event);
      return;
    }
    const expiry = setTimeout(() => {
      this.expire(m.agentId);
    }, m.ttlMs);
    // A person still present must not keep a backend from exiting.
    expiry.unref();
    this.held.set(m.agentId, { event, expiry });
    const same =
      before !== undefined &&
      before.event.ticketId === event.ticketId &&
      before.event.activity === event.activity &&
      before.event.name === event.name;
    if (!same) this.onChange(event);
  }

  private expire(agentId: string): void {
    const held = this.held.get(agentId);
    if (held === undefined) return;
    this.held.delete(agentId);
    this.onChange({ ...held.event, ticketId: null });
  }
}
