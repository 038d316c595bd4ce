/**
 * The harness's way into the services: the very door Electron uses
 * (src/main/ipc/handle.ts: argument parsing, envelopes, no internals in
 * errors), fed by HTTP instead of ipcMain. The bridge has already checked
 * token, Host and Origin; the door then sees a top-level frame from the
 * harness's own origin, which is the only origin it accepts.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { Envelope, InvokeChannel } from '../shared/ipc.js';
import { INVOKE_CHANNELS } from '../shared/ipc.js';
import { registerHandlers } from '../main/ipc/handle.js';
import type { Handlers } from '../main/ipc/handle.js';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

export type Invoke = (channel: InvokeChannel, args: unknown[]) => Promise<Envelope<unknown>>;

export function createDoor(handlers: Handlers, origin: string): Invoke {
  const listeners = new Map<string, Listener>();
  registerHandlers(
    {
      handle(channel, listener) {
        listeners.set(channel, listener);
      },
    },
    handlers,
    [origin],
  );
  // The door reads only senderFrame.url and .parent; an HTTP request has no Electron event to give.
  const event = { senderFrame: { url: `${origin}/`, parent: null } } as unknown as IpcMainInvokeEvent;
  return async (channel, args) => {
    const listener = listeners.get(channel);
    if (listener === undefined) return { ok: false, error: { code: 'unknown_channel', message: channel } };
    return (await listener(event, ...args)) as Envelope<unknown>;
  };
}

export function isInvokeChannel(name: string): name is InvokeChannel {
  return (INVOKE_CHANNELS as string[]).includes(name);
}
