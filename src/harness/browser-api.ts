/**
 * `window.api` in a browser, for the harness only: the same contract as the
 * Electron preload (src/preload/index.ts: one function per channel, one event
 * subscriber, nothing generic), over the harness's loopback bridge.
 *
 * The token comes from the URL fragment (`#token=…`), which the browser
 * never sends to a server; it is moved to sessionStorage and removed from
 * the address bar so screenshots and copied links do not carry it. Events
 * arrive over one Server-Sent Events stream read with fetch (EventSource
 * cannot send the token header), reconnecting with backoff.
 */
import { createParser } from 'eventsource-parser';
import { INVOKE_CHANNELS, IPC_EVENT_CHANNELS } from '../shared/ipc.js';
import type { ConsoleApi, Envelope, EventChannel, IpcEvents } from '../shared/ipc.js';

const TOKEN_KEY = 'support-console-harness-token';
const TOKEN_HEADER = 'x-console-token';

function takeToken(): string {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromUrl = fragment.get('token');
  if (fromUrl !== null) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = takeToken();

async function invoke(channel: string, args: unknown[]): Promise<Envelope<unknown>> {
  try {
    const res = await fetch(`/ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(args),
      credentials: 'omit',
    });
    return (await res.json()) as Envelope<unknown>;
  } catch (error) {
    // The same shape as any refusal: the renderer's lib/api.ts turns it into an Error.
    return { ok: false, error: { code: 'bridge_unreachable', message: String(error) } };
  }
}

type AnyListener = (payload: unknown) => void;
const listeners = new Map<EventChannel, Set<AnyListener>>();

function dispatch(event: string, data: string): void {
  if (!(IPC_EVENT_CHANNELS as readonly string[]).includes(event)) return;
  const set = listeners.get(event as EventChannel);
  if (set === undefined) return;
  const payload: unknown = JSON.parse(data);
  for (const l of set) l(payload);
}

let streaming = false;
async function streamEvents(): Promise<void> {
  if (streaming) return;
  streaming = true;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch('/ipc-events', { headers: { [TOKEN_HEADER]: token }, credentials: 'omit' });
      if (!res.ok || res.body === null) throw new Error(`events: HTTP ${String(res.status)}`);
      attempt = 0;
      const parser = createParser({
        onEvent(e) {
          if (e.event !== undefined) dispatch(e.event, e.data);
        },
      });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
    } catch (error) {
      console.warn('[harness] event stream lost', error);
    }
    // Bounded backoff: the harness may be restarting; a page left open must not hammer it.
    await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 250 * 2 ** Math.min(attempt, 6))));
  }
}

const invokers = Object.fromEntries(
  INVOKE_CHANNELS.map((channel) => [channel, (...args: unknown[]) => invoke(channel, args)]),
);

const api = {
  ...invokers,
  on<E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void) {
    if (!(IPC_EVENT_CHANNELS as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`);
    let set = listeners.get(event);
    if (set === undefined) {
      set = new Set();
      listeners.set(event, set);
    }
    const wrapped = listener as AnyListener;
    set.add(wrapped);
    void streamEvents();
    return () => {
      listeners.get(event)?.delete(wrapped);
    };
  },
} as ConsoleApi;

Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
