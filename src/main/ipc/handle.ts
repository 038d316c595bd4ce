/**
 * The one door for IPC in main. Every channel is registered here: the sender
 * frame must be our own top-level page (app origin), the arguments are parsed
 * against the contract's schema, and the answer is an envelope so that errors
 * cross as data (no stacks, no internals) and the renderer can always tell
 * success from failure.
 */
import { z } from 'zod';
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_ARGS } from '../../shared/ipc.js';
import type { Envelope, InvokeArgs, InvokeChannel, IpcInvokeResults } from '../../shared/ipc.js';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export type Handlers = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => IpcInvokeResults[C] | Promise<IpcInvokeResults[C]>;
};

/**
 * `scheme://host` of a URL. Not `URL.origin`: that is the string "null" for
 * file: and custom schemes, which would make every such page look alike.
 */
export function appOriginOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** True when the call comes from the main frame of a page served from one of our app origins. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  allowedOrigins: readonly string[],
): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const origin = appOriginOf(frame.url);
  return origin !== null && allowedOrigins.includes(origin);
}

export function registerHandlers(ipc: IpcMainLike, handlers: Handlers, allowedOrigins: readonly string[]): void {
  for (const channel of Object.keys(IPC_INVOKE_ARGS) as InvokeChannel[]) {
    const schema: z.ZodType<unknown[]> = IPC_INVOKE_ARGS[channel];
    const handler = handlers[channel] as (...args: unknown[]) => unknown;
    ipc.handle(channel, async (event, ...rawArgs): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, allowedOrigins)) {
        return { ok: false, error: { code: 'forbidden_sender', message: 'This window may not call the console.' } };
      }
      const parsed = schema.safeParse(rawArgs);
      if (!parsed.success) {
        return { ok: false, error: { code: 'bad_arguments', message: z.prettifyError(parsed.error) } };
      }
      try {
        return { ok: true, value: await handler(...parsed.data) };
      } catch (error) {
        // Never send internals (paths, SQL) to the page; the log in main keeps the detail.
        console.error(`[ipc] ${channel} failed`, error);
        return { ok: false, error: { code: 'internal', message: `${channel} failed` } };
      }
    });
  }
}
