/**
 * What a ticket action does, decided without the network: its local effect
 * (so the console answers in the same frame), the rules that refuse it (the
 * same ones the backend applies: the reference backend calls these very
 * functions), the mutation it becomes on the wire, and how alike two tickets
 * are (likely duplicates). Pure: no electron, node:* or DOM imports.
 */
import type { Agent, Category, Ticket } from './entities.js';
import type { TicketAction } from './ipc.js';
import type { MutationBody, MutationName } from './mutations.js';
import type { RefusalCode } from './refusal-codes.js';

/** Why an action is refused before it is sent: the backend's 422 reason and a sentence for people. */
export interface Refusal {
  reason: RefusalCode;
  message: string;
}

/**
 * What the caller knows about the records an action names. Each lookup is
 * optional: a rule whose lookup is missing is left to the backend (the cache
 * may not hold the record yet), never guessed.
 */
export interface RuleLookups {
  category?: (id: string) => Pick<Category, 'id' | 'names'> | null | undefined;
  agent?: (id: string) => Pick<Agent, 'id'> | null | undefined;
  ticket?: (id: string) => MergeTarget | null | undefined;
}

/** What the merge rules read of the ticket merged away. */
export type MergeSource = Pick<Ticket, 'id' | 'duplicateOfId' | 'accountId' | 'requesterEmail'>;
/** What the merge rules read of the ticket that stays open. */
export type MergeTarget = MergeSource & Pick<Ticket, 'status' | 'mergedFrom'>;

/** The most tickets one ticket can take in (the contract's bound on `mergedFrom`). */
export const MAX_MERGED_FROM = 500;

/** How long a merge waits in the outbox before it is sent: the time the agent has to undo it. */
export const MERGE_UNDO_MS = 5000;

/** The category id the reference seed uses for contract cancellations. */
export const TERMINATION_CATEGORY_ID = 'termination';

/**
 * The contract has no "termination" flag: the reference seed uses the id
 * `termination`, and a provider's own category is recognised by its English name.
 */
export function isTerminationCategory(category: Pick<Category, 'id' | 'names'> | null | undefined): boolean {
  if (category === null || category === undefined) return false;
  return category.id === TERMINATION_CATEGORY_ID || /terminat|cancell?ation/i.test(category.names.en);
}

/**
 * Terminations are never accepted through chat
 * (docs/product-rules.md#chat-terminations). Without the category record
 * only the reference id is recognised.
 */
export function isChatTermination(
  ticket: Pick<Ticket, 'channel' | 'categoryId'>,
  category?: Pick<Category, 'id' | 'names'> | null,
): boolean {
  if (ticket.channel !== 'chat') return false;
  if (category !== undefined && category !== null && category.id === ticket.categoryId)
    return isTerminationCategory(category);
  return ticket.categoryId === TERMINATION_CATEGORY_ID;
}

export const TERMINATION_VIA_CHAT: Refusal = {
  reason: 'termination_via_chat',
  message:
    'Terminations are never accepted through chat: reply with the proper channel instead of marking this solved.',
};

/** A ticket state that must not exist: a chat termination processed (marked solved) as a termination. */
export function terminationViaChat(
  next: Pick<Ticket, 'channel' | 'categoryId' | 'status'>,
  category?: Pick<Category, 'id' | 'names'> | null,
): Refusal | null {
  return next.status === 'solved' && isChatTermination(next, category) ? TERMINATION_VIA_CHAT : null;
}

/**
 * The ticket as the agent should see it after the action. `agentId` is the
 * actor: no current action records it on the ticket (replies carry it on
 * their message, which the backend creates), but the signature keeps the
 * actor beside the clock so a future effect does not change every caller.
 */
export function applyLocally(ticket: Ticket, action: TicketAction, _agentId: string, now: Date): Ticket {
  const updatedAt = now.toISOString();
  switch (action.type) {
    case 'recategorise':
      return { ...ticket, categoryId: action.categoryId, updatedAt };
    case 'assign':
      return { ...ticket, assigneeId: action.assigneeId, updatedAt };
    case 'setStatus':
      return { ...ticket, status: action.status, updatedAt };
    case 'merge':
      return { ...ticket, duplicateOfId: action.intoId, status: 'closed', updatedAt };
    case 'escalate':
      return { ...ticket, level: 2, updatedAt };
    case 'reply':
      return { ...ticket, updatedAt };
  }
}

const ACTION_FIELDS: Record<TicketAction['type'], readonly string[]> = {
  recategorise: ['type', 'ticketId', 'categoryId'],
  assign: ['type', 'ticketId', 'assigneeId'],
  setStatus: ['type', 'ticketId', 'status'],
  reply: ['type', 'ticketId', 'body', 'internal'],
  merge: ['type', 'ticketId', 'intoId'],
  escalate: ['type', 'ticketId', 'note'],
};

/**
 * null when the action may go ahead, else why not. Checks the action against
 * the ticket as the agent sees it (their pending actions included).
 */
export function refuseLocally(ticket: Ticket, action: TicketAction, lookups: RuleLookups = {}): Refusal | null {
  // Actions arrive across IPC and the worker boundary: a field the contract does not know is a caller bug, not data.
  const unknown = Object.keys(action).filter((k) => !ACTION_FIELDS[action.type].includes(k));
  if (unknown.length > 0)
    return { reason: 'unknown_fields', message: `Unknown field(s) for ${action.type}: ${unknown.join(', ')}.` };
  if (action.ticketId !== ticket.id)
    return { reason: 'wrong_ticket', message: `The action is for ticket ${action.ticketId}, not ${ticket.id}.` };
  switch (action.type) {
    case 'recategorise': {
      const category = lookups.category?.(action.categoryId);
      if (lookups.category !== undefined && (category === null || category === undefined))
        return { reason: 'unknown_category', message: `Category ${action.categoryId} does not exist.` };
      return terminationViaChat(applyLocally(ticket, action, '', new Date(0)), category);
    }
    case 'setStatus':
      return terminationViaChat({ ...ticket, status: action.status }, lookups.category?.(ticket.categoryId));
    case 'assign': {
      if (action.assigneeId === null || lookups.agent === undefined) return null;
      const agent = lookups.agent(action.assigneeId);
      return agent === null || agent === undefined
        ? { reason: 'unknown_agent', message: `Agent ${action.assigneeId} does not exist.` }
        : null;
    }
    case 'merge': {
      if (action.intoId === ticket.id) return mergeRefusal(ticket, ticket);
      const target = lookups.ticket?.(action.intoId);
      // Without the target in the cache, only the rules on the duplicate itself can be checked here.
      return target === null || target === undefined ? mergeSourceRefusal(ticket) : mergeRefusal(ticket, target);
    }
    case 'escalate':
      return ticket.level === 2
        ? { reason: 'already_escalated', message: `Ticket ${ticket.id} is already with the level-two experts.` }
        : null;
    case 'reply':
      return null;
  }
}

/** Refusals that depend on the ticket merged away alone. */
function mergeSourceRefusal(source: MergeSource): Refusal | null {
  if (source.duplicateOfId === null) return null;
  return {
    reason: 'already_merged',
    message: `Ticket ${source.id} is already merged into ${source.duplicateOfId}.`,
  };
}

/**
 * null when `source` may be merged into `target`
 * (docs/product-rules.md#duplicates-and-merge). Applied by the console
 * before sending and by the reference backend, in this order.
 */
export function mergeRefusal(source: MergeSource, target: MergeTarget): Refusal | null {
  if (source.id === target.id) return { reason: 'merge_into_self', message: 'A ticket cannot be merged into itself.' };
  const own = mergeSourceRefusal(source);
  if (own !== null) return own;
  if (target.duplicateOfId !== null)
    return {
      reason: 'merge_target_is_duplicate',
      message: `Ticket ${target.id} is itself merged into ${target.duplicateOfId}; merge into that one.`,
    };
  if (target.status === 'closed')
    return {
      reason: 'merge_target_closed',
      message: `Ticket ${target.id} is closed: merge into a ticket that is still being worked on.`,
    };
  if ((target.mergedFrom?.length ?? 0) >= MAX_MERGED_FROM)
    return {
      reason: 'merge_target_full',
      message: `Ticket ${target.id} already holds ${MAX_MERGED_FROM} merged tickets: merge into another one.`,
    };
  if (!sameCustomer(source, target))
    return {
      reason: 'merge_other_customer',
      message: `Tickets ${source.id} and ${target.id} are from different customers: their conversations stay apart.`,
    };
  return null;
}

/** The ticket mutations an action can become. */
export type TicketMutationName = Extract<
  MutationName,
  'recategorise' | 'assign' | 'setStatus' | 'reply' | 'merge' | 'escalate'
>;

export type TicketMutation = {
  [N in TicketMutationName]: { name: N; id: string; body: MutationBody<N> };
}[TicketMutationName];

/** The request for `POST mutationPath(name, id)`; the caller adds the Idempotency-Key. */
export function toMutation(action: TicketAction, baseVersion: number): TicketMutation {
  const id = action.ticketId;
  switch (action.type) {
    case 'recategorise':
      return { name: 'recategorise', id, body: { baseVersion, categoryId: action.categoryId } };
    case 'assign':
      return { name: 'assign', id, body: { baseVersion, assigneeId: action.assigneeId } };
    case 'setStatus':
      return { name: 'setStatus', id, body: { baseVersion, status: action.status } };
    case 'reply':
      return { name: 'reply', id, body: { baseVersion, body: action.body, internal: action.internal } };
    case 'merge':
      return { name: 'merge', id, body: { baseVersion, intoId: action.intoId } };
    case 'escalate':
      return { name: 'escalate', id, body: { baseVersion, note: action.note } };
  }
}

// ------------------------------------------------------------ duplicates

/** Scores at or above this mark a likely duplicate. */
export const LIKELY_DUPLICATE = 0.5;
/** Duplicates come in a burst, not a month apart (docs/product-rules.md#duplicates-and-merge). */
export const DUPLICATE_WINDOW_MS = 48 * 60 * 60 * 1000;

type DuplicateFields = Pick<
  Ticket,
  'id' | 'accountId' | 'requesterEmail' | 'categoryId' | 'createdAt' | 'subject' | 'body'
>;

/** Words of 3+ letters, lower-cased and without accents, so "Résiliation" and "resiliation" meet. */
export function tokens(text: string): Set<string> {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return new Set(plain.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3));
}

/** The same account, or the same requester e-mail (case aside): one customer writing again. */
export function sameCustomer(
  a: Pick<Ticket, 'accountId' | 'requesterEmail'>,
  b: Pick<Ticket, 'accountId' | 'requesterEmail'>,
): boolean {
  return (
    (a.accountId !== null && a.accountId === b.accountId) ||
    a.requesterEmail.toLowerCase() === b.requesterEmail.toLowerCase()
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * How likely `b` repeats `a`, 0..1. The hard conditions are the product's
 * (same account or requester, same category, close in time;
 * docs/product-rules.md#duplicates-and-merge): failing one
 * scores 0. Text similarity (token Jaccard over subject + body) then decides;
 * a customer who repeats themselves rarely uses the same words twice, so the
 * score is lifted: similarity 0.25 already reaches the threshold.
 */
export function duplicateScore(a: DuplicateFields, b: DuplicateFields): number {
  if (a.id === b.id) return 0;
  if (!sameCustomer(a, b) || a.categoryId !== b.categoryId) return 0;
  const apart = Math.abs(Date.parse(a.createdAt) - Date.parse(b.createdAt));
  if (!(apart <= DUPLICATE_WINDOW_MS)) return 0;
  const similarity = jaccard(tokens(`${a.subject} ${a.body}`), tokens(`${b.subject} ${b.body}`));
  return Math.min(1, similarity * 2);
}

export function isLikelyDuplicate(a: DuplicateFields, b: DuplicateFields): boolean {
  return duplicateScore(a, b) >= LIKELY_DUPLICATE;
}
