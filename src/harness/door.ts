/**
 * The harness's way into the services: the very door Electron uses
 * (src/main/ipc/handle.ts: sender check, argument parsing, envelopes, no
 * internals in errors), fed by HTTP instead of ipcMain, with the origins the
 * shell allows (the app origin, app://console).
 *
 * An HTTP request has no Electron frame, so the harness says which frame a
 * call comes from, from what the browser sent (senderFrameOf): the door then
 * applies its own check to that frame, unchanged.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { Envelope, InvokeChannel } from '../shared/ipc.js';
import { INVOKE_CHANNELS } from '../shared/ipc.js';
import { registerHandlers } from '../main/ipc/handle.js';
import type { Handlers } from '../shared/ipc-handlers.js';
import { APP_ENTRY_URL, APP_ORIGIN } from '../main/shell/protocol.js';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** The part of an Electron frame the door reads. */
export interface SenderFrame {
  url: string;
  parent: null;
}

export type Invoke = (channel: InvokeChannel, args: unknown[], frame: SenderFrame) => Promise<Envelope<unknown>>;

/** What the packaged shell passes registerHandlers (src/main/index.ts without a dev server). */
export const SHELL_APP_ORIGINS: readonly string[] = [APP_ORIGIN];

/**
 * The frame a bridge call comes from, as Electron would report it:
 * - the browser's `Origin` header is the calling page's origin (a page cannot
 *   set it; Chromium sends it on every POST, same-origin included);
 * - when it is the harness's own origin (http://127.0.0.1:PORT), the page is
 *   the console's, which Electron loads as APP_ENTRY_URL (app://console/index.html):
 *   that is the frame URL the door sees;
 * - any other value (or none) is passed on as it is, off the app origin, so
 *   the door refuses the call with `forbidden_sender`, as in Electron;
 * - `parent` is null: the console's page is always a top-level frame (its CSP
 *   has `frame-ancestors 'none'` and `frame-src 'none'`, plus X-Frame-Options DENY).
 */
export function senderFrameOf(requestOrigin: string | undefined, harnessOrigin: string): SenderFrame {
  return { url: requestOrigin === harnessOrigin ? APP_ENTRY_URL : (requestOrigin ?? ''), parent: null };
}

export function createDoor(handlers: Handlers, allowedOrigins: readonly string[] = SHELL_APP_ORIGINS): Invoke {
  const listeners = new Map<string, Listener>();
  registerHandlers(
    {
      handle(channel, listener) {
        listeners.set(channel, listener);
      },
    },
    handlers,
    allowedOrigins,
  );
  return async (channel, args, frame) => {
    const listener = listeners.get(channel);
    if (listener === undefined) return { ok: false, error: { code: 'unknown_channel', message: channel } };
    // The door reads only senderFrame.url and .parent.
    const event = { senderFrame: frame } as unknown as IpcMainInvokeEvent;
    return (await listener(event, ...args)) as Envelope<unknown>;
  };
}

export function isInvokeChannel(name: string): name is InvokeChannel {
  return (INVOKE_CHANNELS as string[]).includes(name);
}
