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
async function refuseTerminationViaChat(ctx: MutationContext, t: Ticket): Promise<void> {
  const refusal = terminationViaChat(t, await ctx.records.get('category', t.categoryId));
  if (refusal !== null) throw refuse(refusal.reason, refusal.message);
}

async function newMessage(
  ctx: MutationContext,
  ticketId: string,
  kind: 'reply' | 'note',
  body: string,
): Promise<string> {
  const now = ctx.now.toISOString();
  return await ctx.records.put('message', {
    id: await ctx.records.newId('message'),
    ticketId,
    authorAgentId: ctx.agentId,
    kind,
    body,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

export async function recategorise(ctx: MutationContext, id: string, body: Body<'recategorise'>): Promise<Touched> {
  const t = await loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  if (!(await ctx.records.get('category', body.categoryId))) {
    throw refuse('unknown_category', `Category ${body.categoryId} does not exist.`);
  }
  const next = bump(t, ctx.now, { categoryId: body.categoryId });
  await refuseTerminationViaChat(ctx, next);
  return [await ctx.records.put('ticket', next)];
}

export async function assign(ctx: MutationContext, id: string, body: Body<'assign'>): Promise<Touched> {
  const t = await loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  if (body.assigneeId !== null) await requireAgent(ctx, body.assigneeId);
  return [await ctx.records.put('ticket', bump(t, ctx.now, { assigneeId: body.assigneeId }))];
}

export async function setStatus(ctx: MutationContext, id: string, body: Body<'setStatus'>): Promise<Touched> {
  const t = await loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  const next = bump(t, ctx.now, { status: body.status });
  await refuseTerminationViaChat(ctx, next);
  return [await ctx.records.put('ticket', next)];
}

/** A reply or internal note becomes a message record; the ticket is bumped so its version moves with it. */
export async function reply(ctx: MutationContext, id: string, body: Body<'reply'>): Promise<Touched> {
  const t = await loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  const message = await newMessage(ctx, id, body.internal ? 'note' : 'reply', body.body);
  return [await ctx.records.put('ticket', bump(t, ctx.now, {})), message];
}

/**
 * Merges a duplicate into the ticket that stays open (docs/product-rules.md#duplicates-and-merge): the
 * duplicate is closed and points to its target; its conversation is copied into the target, so the agent
 * answering there reads everything the customer wrote, and the target names what was merged into it.
 */
export async function merge(ctx: MutationContext, id: string, body: Body<'merge'>): Promise<Touched> {
  const t = await loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  const target = body.intoId === id ? t : await mustGet(ctx, 'ticket', body.intoId);
  const refusal = mergeRefusal(t, target);
  if (refusal !== null) throw refuse(refusal.reason, refusal.message);
  const carried = await carryConversation(ctx, t, target.id);
  const mergedFrom = [...(target.mergedFrom ?? []), t.id];
  return [
    await ctx.records.put('ticket', bump(t, ctx.now, { duplicateOfId: target.id, status: 'closed' })),
    await ctx.records.put('ticket', bump(target, ctx.now, { mergedFrom })),
    ...carried,
  ];
}

/**
 * The duplicate's opening message (with its files) and every message after it, copied into the target
 * in time order. Each copy keeps its kind, author and time; its id is new, so the duplicate's own
 * conversation stays readable where it was.
 */
async function carryConversation(ctx: MutationContext, from: Ticket, intoId: string): Promise<string[]> {
  // In row order, which is the order the messages were written in (the sort below keeps it for ties).
  const rows = (
    await ctx.db.all<{ data: string }>('SELECT data FROM rec_message WHERE ticket_id = ? ORDER BY rid', [from.id])
  ).map((r) => TicketMessage.parse(JSON.parse(r.data)));
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
  const copies: string[] = [];
  for (const m of conversation) {
    copies.push(
      await ctx.records.put('message', {
        id: await ctx.records.newId('message'),
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
  return copies;
}

export async function escalate(ctx: MutationContext, id: string, body: Body<'escalate'>): Promise<Touched> {
  const t = await loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  if (t.level === 2) throw refuse('already_escalated', `Ticket ${id} is already with the level-two experts.`);
  const out = [await ctx.records.put('ticket', bump(t, ctx.now, { level: 2 }))];
  if (body.note.trim() !== '') out.push(await newMessage(ctx, id, 'note', body.note));
  return out;
}
