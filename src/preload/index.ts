/**
 * Exposes exactly the IPC contract as `window.api`: one function per channel
 * of src/shared/ipc.ts and one event subscriber, no generic invoke. Runs in a
 * sandboxed preload (CommonJS bundle).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { INVOKE_CHANNELS, IPC_EVENT_CHANNELS } from '../shared/ipc.js';
import type { ConsoleApi, EventChannel, IpcEvents } from '../shared/ipc.js';

const invokers = Object.fromEntries(
  INVOKE_CHANNELS.map((channel) => [channel, (...args: unknown[]) => ipcRenderer.invoke(channel, ...args)]),
);

const api = {
  ...invokers,
  on<E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void) {
    if (!(IPC_EVENT_CHANNELS as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`);
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
