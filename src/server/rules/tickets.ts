/** Level-one triage actions on tickets. */
import type { z } from 'zod';
import type { Ticket } from '../../shared/entities.js';
import type { MUTATIONS } from '../../shared/mutations.js';
import { terminationViaChat } from '../../shared/ticket-actions.js';
import { bump, loadForUpdate, mustGet, refuse, requireAgent } from './common.js';
import type { MutationContext, Touched } from './common.js';

type Body<N extends keyof typeof MUTATIONS> = z.output<(typeof MUTATIONS)[N]['body']>;

/**
 * Terminations are never accepted through chat (docs/product-rules.md#chat-terminations); the console applies the
 * same shared rule before sending.
 */
function refuseTerminationViaChat(ctx: MutationContext, t: Ticket): void {
  const refusal = terminationViaChat(t, ctx.records.get('category', t.categoryId));
  if (refusal !== null) throw refuse(refusal.reason, refusal.message);
}

function newMessage(ctx: MutationContext, ticketId: string, kind: 'reply' | 'note', body: string): string {
  const now = ctx.now.toISOString();
  return ctx.records.put('message', {
    id: ctx.records.newId('message'),
    ticketId,
    authorAgentId: ctx.agentId,
    kind,
    body,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

export function recategorise(ctx: MutationContext, id: string, body: Body<'recategorise'>): Touched {
  const t = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  if (!ctx.records.get('category', body.categoryId)) {
    throw refuse('unknown_category', `Category ${body.categoryId} does not exist.`);
  }
  const next = bump(t, ctx.now, { categoryId: body.categoryId });
  refuseTerminationViaChat(ctx, next);
  return [ctx.records.put('ticket', next)];
}

export function assign(ctx: MutationContext, id: string, body: Body<'assign'>): Touched {
  const t = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  if (body.assigneeId !== null) requireAgent(ctx, body.assigneeId);
  return [ctx.records.put('ticket', bump(t, ctx.now, { assigneeId: body.assigneeId }))];
}

export function setStatus(ctx: MutationContext, id: string, body: Body<'setStatus'>): Touched {
  const t = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  const next = bump(t, ctx.now, { status: body.status });
  refuseTerminationViaChat(ctx, next);
  return [ctx.records.put('ticket', next)];
}

/** A reply or internal note becomes a message record; the ticket is bumped so its version moves with it. */
export function reply(ctx: MutationContext, id: string, body: Body<'reply'>): Touched {
  const t = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  const message = newMessage(ctx, id, body.internal ? 'note' : 'reply', body.body);
  return [ctx.records.put('ticket', bump(t, ctx.now, {})), message];
}

export function merge(ctx: MutationContext, id: string, body: Body<'merge'>): Touched {
  const t = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  if (body.intoId === id) throw refuse('merge_into_self', 'A ticket cannot be merged into itself.');
  const target = mustGet(ctx, 'ticket', body.intoId);
  if (target.duplicateOfId !== null) {
    throw refuse(
      'merge_target_is_duplicate',
      `Ticket ${target.id} is itself merged into ${target.duplicateOfId}; merge into that one.`,
    );
  }
  return [ctx.records.put('ticket', bump(t, ctx.now, { duplicateOfId: body.intoId, status: 'closed' }))];
}

export function escalate(ctx: MutationContext, id: string, body: Body<'escalate'>): Touched {
  const t = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  if (t.level === 2) throw refuse('already_escalated', `Ticket ${id} is already with the level-two experts.`);
  const out = [ctx.records.put('ticket', bump(t, ctx.now, { level: 2 }))];
  if (body.note.trim() !== '') out.push(newMessage(ctx, id, 'note', body.note));
  return out;
}
