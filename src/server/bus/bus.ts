/**
 * Messages between backend processes: "the head moved" for the push streams,
 * presence on tickets. With SQLite there is one process and the bus is a
 * function call; on PostgreSQL every process listens on one channel
 * (postgres-bus.ts), so a console connected to any process hears what
 * happened on the others.
 *
 * A message is small JSON (PostgreSQL's NOTIFY carries under 8000 bytes) and
 * is delivered to every subscriber, the publishing process included, at most
 * once: a listener that was away is told by `onGap`, never replayed.
 */
export type BusTopic = 'changes' | 'presence';

export interface MessageBus {
  publish(topic: BusTopic, body: unknown): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(topic: BusTopic, listener: (body: unknown) => void): () => void;
  /** Called when messages may have been lost (the listening connection dropped and came back). */
  onGap(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The bus of a backend that is one process (SQLite): delivery is a call, nothing can be lost. */
export class InProcessBus implements MessageBus {
  private readonly listeners = new Map<BusTopic, Set<(body: unknown) => void>>();

  publish(topic: BusTopic, body: unknown): Promise<void> {
    // A copy, as the other implementations deliver parsed JSON: no subscriber shares the sender's object.
    const copy: unknown = JSON.parse(JSON.stringify(body));
    for (const listener of this.listeners.get(topic) ?? []) listener(copy);
    return Promise.resolve();
  }

  subscribe(topic: BusTopic, listener: (body: unknown) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onGap(): () => void {
    return () => undefined;
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}
