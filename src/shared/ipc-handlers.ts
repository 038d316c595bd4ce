/**
 * What serves the contract: one function per invoke channel of `ipc.ts`,
 * taking that channel's arguments (already checked against its schema by
 * the door) and answering its result. The main process's features each
 * export their share (`HandlersFor<…>`); the services put them together,
 * and the type checker refuses a channel left without a handler.
 */
import type { InvokeArgs, InvokeChannel, IpcInvokeResults } from './ipc.js';

export type Handler<C extends InvokeChannel> = (
  ...args: InvokeArgs<C>
) => IpcInvokeResults[C] | Promise<IpcInvokeResults[C]>;

export type Handlers = { [C in InvokeChannel]: Handler<C> };

/** A feature's share of the contract: the channels it serves. */
export type HandlersFor<C extends InvokeChannel> = Pick<Handlers, C>;
