/**
 * The one door for IPC in main. Every channel is registered here: the sender
 * frame must be our own top-level page (app origin), the arguments are parsed
 * against the contract's schema, and the answer is an envelope so that errors
 * cross as data (no stacks, no internals) and the renderer can always tell
 * success from failure.
 */
import { z } from 'zod';
import type { IpcMainInvokeEvent } from 'electron';
import type { Logger } from 'pino';
import { IPC_INVOKE_ARGS } from '../../shared/ipc.js';
import type { Envelope, InvokeChannel } from '../../shared/ipc.js';
import type { Handlers } from '../../shared/ipc-handlers.js';

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
}

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

/**
 * Registers every channel of the contract. `log` hears the refusals (a
 * foreign sender, bad arguments); a handler's own failure is logged by the
 * services, which wrap their handlers (diagnostics/handlers.ts).
 */
export function registerHandlers(
  ipc: IpcMainLike,
  handlers: Handlers,
  allowedOrigins: readonly string[],
  log?: Pick<Logger, 'warn'>,
): void {
  for (const channel of Object.keys(IPC_INVOKE_ARGS) as InvokeChannel[]) {
    const schema: z.ZodType<unknown[]> = IPC_INVOKE_ARGS[channel];
    const handler = handlers[channel] as (...args: unknown[]) => unknown;
    ipc.handle(channel, async (event, ...rawArgs): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event, allowedOrigins)) {
        log?.warn({ channel, frame: event.senderFrame?.url.slice(0, 100) ?? null }, 'ipc: refused a foreign sender');
        return { ok: false, error: { code: 'forbidden_sender', message: 'This window may not call the console.' } };
      }
      const parsed = schema.safeParse(rawArgs);
      if (!parsed.success) {
        log?.warn({ channel, issues: parsed.error.issues.length }, 'ipc: refused bad arguments');
        return { ok: false, error: { code: 'bad_arguments', message: z.prettifyError(parsed.error) } };
      }
      try {
        return { ok: true, value: await handler(...parsed.data) };
      } catch {
        // Never send internals (paths, SQL) to the page; the services' log keeps the detail.
        return { ok: false, error: { code: 'internal', message: `${channel} failed` } };
      }
    });
  }
}
