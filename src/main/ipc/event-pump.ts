/**
 * Turns the sync worker's event stream into the two IPC events, at a pace a
 * window can follow: during a bootstrap the worker reports progress and
 * changed ids many times a second, and each push costs a structured clone
 * and a React render. Status pushes are throttled (latest wins), changed ids
 * are merged over a short window and collapse to `all` when there are many.
 */
import type { EventChannel, IpcEvents } from '../../shared/ipc.js';

export type ServiceListener = <E extends EventChannel>(channel: E, payload: IpcEvents[E]) => void;

export interface EventPumpOptions {
  statusEveryMs?: number;
  changedEveryMs?: number;
  /** More ids than this in one push: the renderer reloads its views instead. */
  maxIds?: number;
  /** Hears a listener that threw (the services pass their log). */
  onListenerError?: (channel: EventChannel, error: unknown) => void;
}

export interface EventPump {
  subscribe(listener: ServiceListener): () => void;
  status(payload: IpcEvents['sync:status']): void;
  changed(ids: readonly string[], all?: boolean): void;
  /** A feature's own event (recovery, callbacks, shell), sent at once. */
  emit<E extends EventChannel>(channel: E, payload: IpcEvents[E]): void;
  /** Sends what is pending now (an action's own change must not wait for the window). */
  flush(): void;
  stop(): void;
}

export function createEventPump(opts: EventPumpOptions = {}): EventPump {
  const statusEveryMs = opts.statusEveryMs ?? 100;
  const changedEveryMs = opts.changedEveryMs ?? 50;
  const maxIds = opts.maxIds ?? 500;
  const listeners = new Set<ServiceListener>();
  let stopped = false;

  const emit = <E extends EventChannel>(channel: E, payload: IpcEvents[E]): void => {
    for (const l of listeners) {
      try {
        l(channel, payload);
      } catch (error) {
        // One broken window or bridge client must not silence the others.
        opts.onListenerError?.(channel, error);
      }
    }
  };

  let lastStatusAt = 0;
  let pendingStatus: IpcEvents['sync:status'] | null = null;
  let statusTimer: NodeJS.Timeout | null = null;
  const sendStatus = (): void => {
    statusTimer = null;
    if (pendingStatus === null) return;
    lastStatusAt = Date.now();
    const payload = pendingStatus;
    pendingStatus = null;
    emit('sync:status', payload);
  };

  let ids = new Set<string>();
  let all = false;
  let changedTimer: NodeJS.Timeout | null = null;
  const sendChanged = (): void => {
    if (changedTimer !== null) clearTimeout(changedTimer);
    changedTimer = null;
    if (!all && ids.size === 0) return;
    const payload = all ? { ids: [], all: true } : { ids: [...ids], all: false };
    ids = new Set();
    all = false;
    emit('tickets:changed', payload);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    status(payload) {
      if (stopped) return;
      pendingStatus = payload;
      if (statusTimer !== null) return;
      const wait = Math.max(0, lastStatusAt + statusEveryMs - Date.now());
      if (wait === 0) sendStatus();
      else statusTimer = setTimeout(sendStatus, wait);
    },
    changed(changedIds, everything = false) {
      if (stopped) return;
      if (everything) all = true;
      else for (const id of changedIds) ids.add(id);
      if (ids.size > maxIds) all = true;
      changedTimer ??= setTimeout(sendChanged, changedEveryMs);
    },
    emit(channel, payload) {
      if (!stopped) emit(channel, payload);
    },
    flush() {
      if (statusTimer !== null) clearTimeout(statusTimer);
      sendStatus();
      sendChanged();
    },
    stop() {
      stopped = true;
      if (statusTimer !== null) clearTimeout(statusTimer);
      if (changedTimer !== null) clearTimeout(changedTimer);
      listeners.clear();
    },
  };
}
