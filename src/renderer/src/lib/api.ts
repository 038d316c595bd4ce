/** The only caller of window.api: unwraps the envelope so components see values or a thrown Error. */
import type {
  ConsoleApi,
  EventChannel,
  InvokeArgs,
  InvokeChannel,
  IpcEvents,
  IpcInvokeResults,
} from '../../../shared/ipc.js';

declare global {
  interface Window {
    api: ConsoleApi;
  }
}

export async function call<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<IpcInvokeResults[C]> {
  const fn = window.api[channel] as (...a: InvokeArgs<C>) => ReturnType<ConsoleApi[C]>;
  const answer = await fn(...args);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value as IpcInvokeResults[C];
}

export function subscribe<E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): () => void {
  return window.api.on(event, listener);
}
