/**
 * Exposes exactly the IPC contract as `window.api`: one function per channel,
 * no generic invoke. Runs in a sandboxed preload (CommonJS bundle).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { ConsoleApi, EventChannel, IpcEvents } from '../shared/ipc.js';
import { IPC_EVENT_CHANNELS } from '../shared/ipc.js';

const api = {
  'sync:status': () => ipcRenderer.invoke('sync:status'),
  'queue:counts': (language) => ipcRenderer.invoke('queue:counts', language),
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
} satisfies ConsoleApi;

contextBridge.exposeInMainWorld('api', api);
