/**
 * What a sandboxed Electron preload runs in, imitated in a Node `vm` context,
 * for tests of the BUILT preload (out/preload/index.cjs): the unit test of the
 * source cannot see what the bundler left as a `require`.
 *
 * Electron wraps a sandboxed preload in a function of (require, process,
 * Buffer, global, setImmediate, clearImmediate, exports, module); `require`
 * answers only `electron`, `events`, `timers` and `url`, and `process` is a
 * small object, not Node's. The context has no other Node global.
 */
import { EventEmitter } from 'node:events';
import * as timers from 'node:timers';
import * as url from 'node:url';
import { runInContext, createContext } from 'node:vm';

/** The modules Electron's sandboxed preload may require. */
export const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'] as const;

export interface Invoked {
  channel: string;
  args: unknown[];
}

export interface SandboxRun {
  /** What the preload passed to contextBridge.exposeInMainWorld, by key. */
  exposed: Map<string, unknown>;
  /** Every ipcRenderer.invoke, in order. */
  invoked: Invoked[];
  /** Fires an event from main, as ipcRenderer.on listeners receive it. */
  emit(channel: string, payload: unknown): void;
  /** Module names the preload asked `require` for, allowed or not. */
  required: string[];
}

/** Runs a built preload's source as Electron's sandbox would; throws what the preload throws. */
export function runInPreloadSandbox(source: string, filename: string): SandboxRun {
  const exposed = new Map<string, unknown>();
  const invoked: Invoked[] = [];
  const required: string[] = [];
  const events = new EventEmitter();
  const electron = {
    contextBridge: {
      exposeInMainWorld(key: string, value: unknown) {
        if (exposed.has(key)) throw new Error(`exposeInMainWorld: ${key} exposed twice`);
        exposed.set(key, value);
      },
    },
    ipcRenderer: {
      invoke(channel: string, ...args: unknown[]) {
        invoked.push({ channel, args });
        return Promise.resolve({ ok: true, value: null });
      },
      on(channel: string, listener: (...a: unknown[]) => void) {
        events.on(channel, listener);
        return this;
      },
      removeListener(channel: string, listener: (...a: unknown[]) => void) {
        events.removeListener(channel, listener);
        return this;
      },
    },
  };
  const allowed: Record<(typeof SANDBOX_MODULES)[number], unknown> = { electron, events: EventEmitter, timers, url };
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (name in allowed) return allowed[name as keyof typeof allowed];
    // Electron's own words for it, so a failure here reads like the blank window it would cause.
    throw new Error(`module not found: ${name}`);
  };
  const sandboxProcess = Object.freeze({
    platform: process.platform,
    arch: process.arch,
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
    versions: Object.freeze({ ...process.versions }),
    env: Object.freeze({}),
    argv: Object.freeze([]),
  });
  const context = createContext({ console });
  const module = { exports: {} as unknown };
  const wrapper = runInContext(
    `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${source}\n})`,
    context,
    { filename },
  ) as (...args: unknown[]) => void;
  wrapper(sandboxRequire, sandboxProcess, Buffer, context, setImmediate, clearImmediate, module.exports, module);
  return {
    exposed,
    invoked,
    required,
    emit: (channel, payload) => events.emit(channel, { sender: null }, payload),
  };
}
