/**
 * The callbacks part of the IPC contract (see ipc.ts, which joins the parts):
 * channels, their argument schemas and result types, and the events main
 * pushes for this feature.
 */
import type { z } from 'zod';

/** Result type of each invoke channel of this part. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the callbacks work
export interface CallbackIpcResults {}

/** Argument schema of each invoke channel of this part. */
// eslint-disable-next-line @typescript-eslint/no-generated-empty-object-type -- filled in by the feature's work
export const CALLBACK_IPC_ARGS = {} as const satisfies Record<keyof CallbackIpcResults, z.ZodType<unknown[]>>;

/** Payload of each event main pushes for this part. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the callbacks work
export interface CallbackIpcEvents {}
export const CALLBACK_EVENT_CHANNELS = [] as const satisfies readonly (keyof CallbackIpcEvents)[];
