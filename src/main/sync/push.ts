/**
 * Listens to the backend's push channel (Server-Sent Events on /v1/events)
 * and asks for a pull whenever it says "changes". The channel is only a hint:
 * every (re)connection also triggers a pull, because events sent while
 * disconnected are gone, and the engine keeps a slow periodic pull besides.
 */
import { createParser } from 'eventsource-parser';
import type { Dispatcher } from 'undici';
import { errorMessage } from './events.js';
import { nextDelay } from './retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';

export interface PushOptions {
  open: (signal: AbortSignal) => Promise<Dispatcher.ResponseData>;
  /** The server said there are new changes (or we just (re)connected and may have missed some). */
  onChanges: () => void;
  onConnected: () => void;
  /** A `presence` event's data (who else is on which ticket: sync/presence.ts). */
  onPresence?: (data: string) => void;
  onDisconnected: (reason: string) => void;
  /** Reconnect backoff; maxAttempts is ignored (the listener never gives up while running). */
  policy: RetryPolicy;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface PushListener {
  stop(): Promise<void>;
}

async function readStream(
  res: Dispatcher.ResponseData,
  onChanges: () => void,
  onPresence: (data: string) => void,
): Promise<void> {
  const parser = createParser({
    onEvent(event) {
      if (event.event === 'changes') onChanges();
      else if (event.event === 'presence') onPresence(event.data);
    },
  });
  const decoder = new TextDecoder();
  // Silence is detected by undici's bodyTimeout (set by the caller to ~2.5 heartbeats): it fails this loop.
  for await (const chunk of res.body as AsyncIterable<Buffer>) parser.feed(decoder.decode(chunk, { stream: true }));
}

export function startPushListener(o: PushOptions): PushListener {
  const controller = new AbortController();
  // A function, not the property: TypeScript would keep a narrowed `aborted` across awaits.
  const stopped = (): boolean => controller.signal.aborted;
  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!stopped()) {
      try {
        const res = await o.open(controller.signal);
        failures = 0;
        o.onConnected();
        o.onChanges();
        await readStream(res, o.onChanges, o.onPresence ?? (() => undefined));
        if (!stopped()) o.onDisconnected('push stream ended');
      } catch (err) {
        if (stopped()) return;
        failures += 1;
        o.onDisconnected(errorMessage(err));
      }
      if (stopped()) return;
      const policy = { ...o.policy, maxAttempts: Number.POSITIVE_INFINITY };
      const delay = nextDelay(policy, Math.max(1, failures), { retryable: true }, o.random) ?? o.policy.maxDelayMs;
      try {
        await o.sleep(delay, controller.signal);
      } catch {
        return;
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      controller.abort();
      await running;
    },
  };
}
