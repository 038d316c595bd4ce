/** Level-one triage actions on tickets. */
import type { z } from 'zod';
import { TicketMessage } from '../../shared/entities.js';
import type { Ticket } from '../../shared/entities.js';
import type { MUTATIONS } from '../../shared/mutations.js';
import { mergeRefusal, terminationViaChat } from '../../shared/ticket-actions.js';
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

/**
 * Merges a duplicate into the ticket that stays open (docs/product-rules.md#duplicates-and-merge): the
 * duplicate is closed and points to its target; its conversation is copied into the target, so the agent
 * answering there reads everything the customer wrote, and the target names what was merged into it.
 */
export function merge(ctx: MutationContext, id: string, body: Body<'merge'>): Touched {
  const t = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  const target = body.intoId === id ? t : mustGet(ctx, 'ticket', body.intoId);
  const refusal = mergeRefusal(t, target);
  if (refusal !== null) throw refuse(refusal.reason, refusal.message);
  const carried = carryConversation(ctx, t, target.id);
  const mergedFrom = [...(target.mergedFrom ?? []), t.id];
  return [
    ctx.records.put('ticket', bump(t, ctx.now, { duplicateOfId: target.id, status: 'closed' })),
    ctx.records.put('ticket', bump(target, ctx.now, { mergedFrom })),
    ...carried,
  ];
}

/**
 * The duplicate's opening message (with its files) and every message after it, copied into the target
 * in time order. Each copy keeps its kind, author and time; its id is new, so the duplicate's own
 * conversation stays readable where it was.
 */
function carryConversation(ctx: MutationContext, from: Ticket, intoId: string): string[] {
  const rows = ctx.db
    .prepare<[string], { data: string }>('SELECT data FROM rec_message WHERE ticket_id = ?')
    .all(from.id)
    .map((r) => TicketMessage.parse(JSON.parse(r.data)));
  const opening: Omit<TicketMessage, 'id' | 'ticketId' | 'version' | 'updatedAt'> = {
    authorAgentId: null,
    kind: 'customer',
    body: from.subject === '' ? from.body : `${from.subject}\n\n${from.body}`,
    createdAt: from.createdAt,
    ...(from.attachments.length > 0 ? { attachments: from.attachments } : {}),
  };
  // Ties keep the opening first, then the order the messages were written in.
  const conversation = [opening, ...rows].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
  );
  const now = ctx.now.toISOString();
  return conversation.map((m) =>
    ctx.records.put('message', {
      id: ctx.records.newId('message'),
      ticketId: intoId,
      authorAgentId: m.authorAgentId,
      kind: m.kind,
      body: m.body,
      mergedFromId: from.id,
      ...(m.attachments !== undefined ? { attachments: m.attachments } : {}),
      version: 1,
      createdAt: m.createdAt,
      updatedAt: now,
    }),
  );
}

export function escalate(ctx: MutationContext, id: string, body: Body<'escalate'>): Touched {
  const t = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  if (t.level === 2) throw refuse('already_escalated', `Ticket ${id} is already with the level-two experts.`);
  const out = [ctx.records.put('ticket', bump(t, ctx.now, { level: 2 }))];
  if (body.note.trim() !== '') out.push(newMessage(ctx, id, 'note', body.note));
  return out;
}
