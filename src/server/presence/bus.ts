/**
 * How presence crosses backend processes. A hub publishes what a console
 * said and hears every message published by any process, its own included,
 * through the same subscription: so a hub never assumes that the consoles
 * it serves are the ones that spoke to it. `InProcessPresenceBus` is the bus
 * of one process (the embedded backend, the tests); a bus over PostgreSQL's
 * LISTEN/NOTIFY implements the same interface for several processes.
 */
import type { PresenceActivity } from '../../shared/presence.js';

/** One console's word about its person, as it travels between processes (JSON-safe, small). */
export interface PresenceMessage {
  agentId: string;
  name: string;
  /** Null: the person left (closed the ticket, signed out, the console stopped). */
  ticketId: string | null;
  activity: PresenceActivity;
  /** How long the receiver keeps it without a newer message: counted from receipt, so clocks need not agree. */
  ttlMs: number;
}

export interface PresenceBus {
  /** Hands a message to every subscriber of every process (this one's too); resolves once it is on its way. */
  publish(message: PresenceMessage): Promise<void>;
  /** Hears every message published from now on; answers how to stop hearing. */
  subscribe(listener: (message: PresenceMessage) => void): () => void;
  close(): Promise<void>;
}

/** One process: publish calls the subscribers on the next turn, as a network bus would (never inside publish). */
export class InProcessPresenceBus implements PresenceBus {
  private readonly listeners = new Set<(message: PresenceMessage) => void>();

  publish(message: PresenceMessage): Promise<void> {
    const copy = { ...message };
    queueMicrotask(() => {
      for (const l of this.listeners) l(copy);
    });
    return Promise.resolve();
  }

  subscribe(listener: (message: PresenceMessage) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
