/**
 * The ticket attachments part of the IPC contract (see ipc.ts, which joins
 * the parts): opening a file a customer attached to a ticket in the safe
 * viewer. The answer has the same shape as a recovery document's opening, so
 * the same viewer draws it: checked bytes (base64) or the refusal's reason.
 */
import { z } from 'zod';
import type { DocumentOpen } from './ipc-recovery.js';

const Id = z.string().min(1).max(64);

/** Result type of each invoke channel of this part. */
export interface AttachmentIpcResults {
  'attachments:open': DocumentOpen;
}

/** Argument schema of each invoke channel of this part. */
export const ATTACHMENT_IPC_ARGS = {
  /** The ticket and the attachment's id (`Ticket.attachments[].id`). */
  'attachments:open': z.tuple([Id, Id]),
} as const satisfies Record<keyof AttachmentIpcResults, z.ZodType<unknown[]>>;
