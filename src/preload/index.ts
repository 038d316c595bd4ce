/**
 * Exposes exactly the IPC contract as `window.api`: one function per channel
 * of src/shared/ipc.ts and one event subscriber, no generic invoke. Runs in a
 * sandboxed preload (CommonJS bundle), where `require` answers only
 * `electron`, `events`, `timers` and `url`: so this file imports nothing but
 * `electron` and types, and the channel names come in from the build.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { ConsoleApi, EventChannel, InvokeChannel, IpcEvents } from '../shared/ipc.js';

/**
 * The contract's channel names, written into the bundle by the build
 * (electron.vite.config.ts reads them from src/shared/ipc.ts): the names
 * only, so the preload carries no schema library and no second list.
 */
declare const __IPC_CHANNELS__: { invoke: InvokeChannel[]; events: EventChannel[] };

const { invoke: invokeChannels, events: eventChannels } = __IPC_CHANNELS__;

const invokers = Object.fromEntries(
  invokeChannels.map((channel) => [channel, (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)]),
);

const api = {
  ...invokers,
  on<E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void) {
    if (!(eventChannels as string[]).includes(event)) throw new Error(`unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, payload: IpcEvents[E]) => {
      listener(payload);
    };
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
} as ConsoleApi;

contextBridge.exposeInMainWorld('api', api);
