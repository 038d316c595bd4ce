/**
 * Presence for the sync engine, in memory only (never the cache):
 * - `createPresenceBeat`: what the person is doing goes to the backend at
 *   once when it changes, then as a keep-alive every `keepAliveMs` while it
 *   does not (never per keystroke: the window reports a change of state, not
 *   of text); `stop` says "gone" before the engine stops (sign-out, quit).
 * - `createPresenceBoard`: who else is where, from the push channel's
 *   `presence` events; emptied when the channel drops (a console offline
 *   knows of nobody) and refilled by the greeting of the next connection.
 */
import { PresenceEvent } from '../../shared/presence.js';
import type { PresenceEntry, PresenceUpdate } from '../../shared/presence.js';

export interface PresenceBeatOptions {
  /** One POST /v1/presence; a failure is dropped (the next change or keep-alive says it again). */
  send(update: PresenceUpdate): Promise<void>;
  keepAliveMs: number;
  /** How long `stop` waits for the backend to hear "gone" (default 1.5 s): a quit or sign-out never waits on it longer. */
  stopWaitMs?: number;
}

export interface PresenceBeat {
  set(update: PresenceUpdate): void;
  /** Says it again now (the push channel reconnected: the backend may have restarted and forgotten). */
  resend(): void;
  /** Says "gone" if anything was said, and stops the keep-alive. */
  stop(): Promise<void>;
}

const same = (a: PresenceUpdate | null, b: PresenceUpdate): boolean =>
  a !== null && a.ticketId === b.ticketId && a.activity === b.activity;

export function createPresenceBeat(o: PresenceBeatOptions): PresenceBeat {
  /** What the backend was last told, while it is someone on a ticket; null when there is nothing to keep alive. */
  let current: PresenceUpdate | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // One at a time and in order: a "replying" overtaken by an older "viewing" would show the wrong state.
  let queue: Promise<void> = Promise.resolve();
  const send = (update: PresenceUpdate): Promise<void> => {
    queue = queue.then(() => o.send(update).catch(() => undefined));
    return queue;
  };
  const keepAlive = (): void => {
    if (timer !== null) clearInterval(timer);
    timer = null;
    if (current === null) return;
    timer = setInterval(() => {
      if (current !== null) void send(current);
    }, o.keepAliveMs);
    timer.unref();
  };

  return {
    set(update) {
      if (stopped) return;
      if (update.ticketId === null) {
        if (current === null) return;
        current = null;
        keepAlive();
        void send(update);
        return;
      }
      if (same(current, update)) return;
      current = { ...update };
      // Said at once; the keep-alive counts from now.
      keepAlive();
      void send(current);
    },
    resend() {
      if (!stopped && current !== null) void send(current);
    },
    async stop() {
      if (stopped) return queue;
      stopped = true;
      const last = current;
      current = null;
      keepAlive();
      if (last === null) return queue;
      // Unheard, it ends anyway at the backend's expiry: not worth holding a quit up.
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, o.stopWaitMs ?? 1_500);
      });
      await Promise.race([send({ ticketId: null, activity: last.activity }), waited]);
      clearTimeout(timer);
      return undefined;
    },
  };
}

export interface PresenceBoard {
  /** Data of a push `presence` event; one that does not parse is ignored. */
  heard(data: string): void;
  clear(): void;
  present(): PresenceEntry[];
}

export function createPresenceBoard(onChange: (present: PresenceEntry[]) => void): PresenceBoard {
  const byAgent = new Map<string, PresenceEntry>();
  const present = (): PresenceEntry[] => [...byAgent.values()];
  return {
    heard(data) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        return;
      }
      const event = PresenceEvent.safeParse(parsed);
      if (!event.success) return;
      const { agentId, name, ticketId, activity } = event.data;
      if (ticketId === null) {
        if (!byAgent.delete(agentId)) return;
      } else byAgent.set(agentId, { agentId, name, ticketId, activity });
      onChange(present());
    },
    clear() {
      if (byAgent.size === 0) return;
      byAgent.clear();
      onChange(present());
    },
    present,
  };
}
