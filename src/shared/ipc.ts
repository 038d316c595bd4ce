/**
 * The IPC contract between the renderer and the main process: every channel
 * the renderer may call, with its argument schema and result type, and every
 * event main pushes. The preload builds `window.api` from this object and the
 * main process registers one handler per channel through its `handle()` door;
 * nothing else names a channel.
 */
import { z } from 'zod';
import { Language } from './entities.js';
import type { SyncPhase } from './sync-protocol.js';

export interface SyncStatus {
  backend: { kind: 'embedded' | 'remote'; url: string };
  online: boolean;
  phase: SyncPhase | 'idle';
  progress: { done: number; total: number } | null;
  urgentReady: boolean;
  searchReady: boolean;
  lastPulledAt: string | null;
  problems: number;
  /** Set when the cache file was found corrupt and rebuilt from the backend. */
  rebuiltBecause: string | null;
}

export interface CategoryCount {
  categoryId: string;
  name: string;
  new: number;
  open: number;
  pending: number;
}

/** Result type of each invoke channel. */
export interface IpcInvokeResults {
  'sync:status': SyncStatus;
  'queue:counts': CategoryCount[];
}

/** Argument schema of each invoke channel: main parses every call against it. */
export const IPC_INVOKE_ARGS = {
  'sync:status': z.tuple([]),
  'queue:counts': z.tuple([Language]),
} as const satisfies Record<keyof IpcInvokeResults, z.ZodType<unknown[]>>;

/** Payload of each event main pushes to the renderer. */
export interface IpcEvents {
  'sync:status': SyncStatus;
}
export const IPC_EVENT_CHANNELS = ['sync:status'] as const satisfies readonly (keyof IpcEvents)[];

export type InvokeChannel = keyof IpcInvokeResults;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof IPC_INVOKE_ARGS)[C]>;
export type EventChannel = keyof IpcEvents;

/** What every invoke answers: errors cross the bridge as data, never as thrown objects with stacks. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** `window.api`, exactly: one method per invoke channel, one subscriber per event. */
export type ConsoleApi = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<Envelope<IpcInvokeResults[C]>>;
} & {
  on<E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};
