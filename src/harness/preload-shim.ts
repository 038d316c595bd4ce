/**
 * What the BUILT preload (out/preload/index.cjs) finds around it in the
 * harness page, in place of Electron's sandbox: `require('electron')` answers
 * a `contextBridge` and an `ipcRenderer` that reach main over the harness's
 * loopback bridge. The harness serves this bundle and the preload's bytes
 * together as one same-origin script (server.ts composePreloadScript), which
 * calls `runSandboxedPreload` with the preload wrapped in the very function
 * Electron wraps a sandboxed preload in.
 *
 * The token comes from the URL fragment (`#token=…`), which the browser never
 * sends to a server; it is moved to sessionStorage and removed from the
 * address bar so screenshots and copied links do not carry it. Events arrive
 * over one Server-Sent Events stream read with fetch (EventSource cannot send
 * the token header), reconnecting with bounded backoff.
 *
 * Browser code (tsconfig.web.json): imports only `eventsource-parser`.
 */
import { createParser } from 'eventsource-parser';

const TOKEN_KEY = 'support-console-harness-token';
const TOKEN_HEADER = 'x-console-token';
/** The modules Electron lets a sandboxed preload require; only `electron` is answered here (the preload needs no other). */
const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'];

type Wrapper = (
  require: (name: string) => unknown,
  process: unknown,
  buffer: unknown,
  global: unknown,
  setImmediate: unknown,
  clearImmediate: unknown,
  exports: unknown,
  module: { exports: unknown },
) => void;

/** What Electron passes an ipcRenderer listener first (IpcRendererEvent): no sender id or ports over HTTP. */
interface RendererEvent {
  sender: unknown;
  senderId: number;
  ports: never[];
}
type RendererListener = (event: RendererEvent, ...args: unknown[]) => void;

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

/**
 * Taken when the shim loads, before any script of the page runs: the page and
 * the preload share one world here (no context isolation), and a page script
 * that replaced `fetch` later must not see the token.
 */
const bridgeFetch = fetch.bind(globalThis);

function createIpcRenderer(token: string) {
  const listeners = new Map<string, Set<RendererListener>>();
  let streaming = false;

  const ipcRenderer = {
    /**
     * Resolves to what main's handler returned, as Electron's does: the IPC
     * door answers every call with an Envelope. A bridge that cannot be
     * reached answers with an Envelope too, so lib/api.ts turns it into an
     * Error like any refusal.
     */
    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      try {
        const res = await bridgeFetch(`/ipc/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(args),
          credentials: 'omit',
        });
        return (await res.json()) as unknown;
      } catch (error) {
        return { ok: false, error: { code: 'bridge_unreachable', message: String(error) } };
      }
    },
    on(channel: string, listener: RendererListener) {
      let set = listeners.get(channel);
      if (set === undefined) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      void streamEvents();
      return ipcRenderer;
    },
    removeListener(channel: string, listener: RendererListener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };

  const dispatch = (channel: string, data: string): void => {
    const set = listeners.get(channel);
    if (set === undefined || set.size === 0) return;
    const payload: unknown = JSON.parse(data);
    const event: RendererEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
    for (const listener of [...set]) listener(event, payload);
  };

  async function streamEvents(): Promise<void> {
    if (streaming) return;
    streaming = true;
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await bridgeFetch('/ipc-events', { headers: { [TOKEN_HEADER]: token }, credentials: 'omit' });
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

  return ipcRenderer;
}

/** Objects the contextBridge hands the page are frozen copies, all the way down. */
function frozenCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([] as unknown as Record<string, unknown>) : {};
  for (const [key, inner] of Object.entries(value)) copy[key] = frozenCopy(inner);
  return Object.freeze(copy);
}

const contextBridge = {
  /** Like Electron's: refuses to replace an existing global; the global cannot be reassigned or deleted. */
  exposeInMainWorld(key: string, api: unknown): void {
    if (key in window)
      throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    Object.defineProperty(window, key, {
      value: frozenCopy(api),
      writable: false,
      configurable: false,
      enumerable: true,
    });
  },
};

/**
 * Runs the wrapped preload with the arguments Electron gives a sandboxed one.
 * `process` is small and honest about where it runs; `Buffer` is absent (the
 * preload uses none, and a browser has none).
 */
export function runSandboxedPreload(wrapper: Wrapper): void {
  const electron = Object.freeze({ contextBridge, ipcRenderer: createIpcRenderer(takeToken()) });
  const sandboxRequire = (name: string): unknown => {
    if (name === 'electron') return electron;
    // Electron's own words, so a preload that needs more fails here as it would there.
    throw new Error(
      SANDBOX_MODULES.includes(name) ? `module not answered by the harness: ${name}` : `module not found: ${name}`,
    );
  };
  const process = Object.freeze({
    type: 'renderer',
    sandboxed: true,
    // No separate world: the preload and the page share one (README: what differs from Electron).
    contextIsolated: false,
    env: Object.freeze({}),
    argv: Object.freeze([]),
    versions: Object.freeze({}),
  });
  const setImmediate = (fn: () => void): number => setTimeout(fn, 0);
  const module = { exports: {} };
  wrapper(sandboxRequire, process, undefined, globalThis, setImmediate, clearTimeout, module.exports, module);
}
