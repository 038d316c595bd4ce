/** Every mutation of src/shared/mutations.ts and the rule that carries it out. */
import type { z } from 'zod';
import type { MUTATIONS, MutationName } from '../../shared/mutations.js';
import { closeCallback, rescheduleCallback, scheduleCallback } from './callbacks.js';
import type { MutationContext, Touched } from './common.js';
import { decideRecovery, recordDocumentView } from './recovery.js';
import { assign, escalate, merge, recategorise, reply, setStatus } from './tickets.js';

export type MutationHandler<N extends MutationName> = (
  ctx: MutationContext,
  id: string,
  body: z.output<(typeof MUTATIONS)[N]['body']>,
) => Promise<Touched>;

export const MUTATION_HANDLERS: { [N in MutationName]: MutationHandler<N> } = {
  recategorise,
  assign,
  setStatus,
  reply,
  merge,
  escalate,
  decideRecovery,
  recordDocumentView,
  scheduleCallback,
  rescheduleCallback,
  closeCallback,
};

export type { MutationContext, Touched } from './common.js';
