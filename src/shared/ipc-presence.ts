/**
 * The presence part of the IPC contract (see ipc.ts, which joins the parts):
 * the window says which ticket is open and whether a reply is being written;
 * main tells the window who else is on which ticket (shared/presence.ts).
 * Presence stays in memory: it never reaches the cache.
 */
import { z } from 'zod';
import { PresenceUpdate } from './presence.js';
import type { PresenceEntry } from './presence.js';

/** Result type of each invoke channel of this part. */
export interface PresenceIpcResults {
  /** What the person is doing now; main tells the backend at once if it changed, then keeps it alive. */
  'presence:set': { ok: true };
  /** Everyone else present now (signed out or offline: nobody). */
  'presence:get': PresenceEntry[];
}

/** Argument schema of each invoke channel of this part. */
export const PRESENCE_IPC_ARGS = {
  'presence:set': z.tuple([PresenceUpdate]),
  'presence:get': z.tuple([]),
} as const satisfies Record<keyof PresenceIpcResults, z.ZodType<unknown[]>>;

/** Payload of each event of this part. */
export interface PresenceIpcEvents {
  /** Everyone else present now, whenever that changes. */
  'presence:changed': PresenceEntry[];
}
export const PRESENCE_EVENT_CHANNELS = ['presence:changed'] as const satisfies readonly (keyof PresenceIpcEvents)[];
