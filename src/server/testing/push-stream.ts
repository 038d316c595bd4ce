/**
 * A console's push stream (GET /v1/events) as a test sees it: every named event kept in order of arrival,
 * and a wait for the one a test expects. Waits end on a condition, never after a fixed sleep; the deadline
 * only turns a stream that never delivers into a clear failure instead of a hung test.
 */
import { createParser } from 'eventsource-parser';
import { PATHS } from '../../shared/sync-protocol.js';

export interface PushEventSeen {
  event: string;
  data: unknown;
  /** performance.now() when it was parsed (the team bench's push figure). */
  at: number;
}

export interface PushStream {
  readonly events: readonly PushEventSeen[];
  /** The first event (in arrival order) that `match` accepts, waiting for it up to `timeoutMs`. */
  next<T>(match: (e: PushEventSeen) => T | undefined, timeoutMs?: number): Promise<T>;
  close(): void;
}

/** Opens the stream as `token` on `url`; resolves once the server answered 200 (the head follows at once). */
export async function openPushStream(url: string, token: string): Promise<PushStream> {
  const abort = new AbortController();
  const res = await fetch(url + PATHS.events, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (res.status !== 200 || res.body === null) {
    abort.abort();
    throw new Error(`GET ${PATHS.events} answered ${String(res.status)}`);
  }
  const events: PushEventSeen[] = [];
  let wake: () => void = () => undefined;
  const parser = createParser({
    onEvent: (e) => {
      events.push({ event: e.event ?? 'message', data: JSON.parse(e.data) as unknown, at: performance.now() });
      wake();
    },
  });
  const body = res.body as AsyncIterable<Uint8Array>;
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // closed by the test
    }
  })();
  return {
    events,
    async next<T>(match: (e: PushEventSeen) => T | undefined, timeoutMs = 15_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const e of events) {
          const found = match(e);
          if (found !== undefined) return found;
        }
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(`no matching push event within ${String(timeoutMs)} ms; seen: ${JSON.stringify(events)}`);
        }
        // Sleeps until the next event arrives (or the deadline), then looks again.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    },
    close: () => {
      abort.abort();
    },
  };
}
