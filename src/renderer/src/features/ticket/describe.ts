/** Sentences for outbox entries and conflicts: what the agent did, and the field it touched on both sides. */
import type { TFunction } from 'i18next';
import type { TicketAction, UiLanguage } from '../../../../shared/ipc.js';
import type { Agent, Category, Ticket } from '../../../../shared/entities.js';
import { fieldsChangedBy } from '../../../../shared/action-fields.js';
import { formatShort } from '../../lib/format.js';
import { agentName, categoryName } from '../../lib/names.js';

export interface Names {
  categories: readonly Category[];
  agents: readonly Agent[];
  language: UiLanguage;
  t: TFunction;
}

/** The value the action sets, as text. */
export function mine(action: TicketAction, n: Names): string {
  switch (action.type) {
    case 'recategorise':
      return categoryName(n.categories, action.categoryId, n.language);
    case 'assign':
      return agentName(n.agents, action.assigneeId) ?? n.t('assign.nobody');
    case 'setStatus':
      return n.t(`status.${action.status}`);
    case 'escalate':
      return n.t('row.level2');
    case 'merge':
      return action.intoId;
    case 'reply':
      return action.body.length > 80 ? `${action.body.slice(0, 80)}…` : action.body;
  }
}

/** The same field on the other person's version of the ticket. */
export function theirs(action: TicketAction, ticket: Ticket, n: Names): string {
  switch (action.type) {
    case 'recategorise':
      return categoryName(n.categories, ticket.categoryId, n.language);
    case 'assign':
      return agentName(n.agents, ticket.assigneeId) ?? n.t('assign.nobody');
    case 'setStatus':
      return n.t(`status.${ticket.status}`);
    case 'escalate':
      return ticket.level === 2 ? n.t('row.level2') : n.t('row.level1');
    case 'merge':
      return ticket.duplicateOfId ?? '—';
    case 'reply':
      return n.t(`status.${ticket.status}`);
  }
}

/**
 * The details a refusal of this action names (refusal.unknown_category: which
 * category, …), in the UI language; every text that has a placeholder gets it.
 */
export function refusalParams(
  action: TicketAction,
  n: Pick<Names, 'categories' | 'agents' | 'language'>,
): Record<string, string> {
  return {
    category: action.type === 'recategorise' ? categoryName(n.categories, action.categoryId, n.language) : '',
    agent: action.type === 'assign' ? (agentName(n.agents, action.assigneeId) ?? '') : '',
    target: action.type === 'merge' ? action.intoId : '',
  };
}

/**
 * The conflict in one sentence: the field they changed, to what, when, and
 * the agent's own value. Tickets do not say who changed them last, so the
 * sentence names no one.
 */
export function conflictSentence(action: TicketAction, current: Ticket, n: Names): string {
  // 14:02 today, a short date before: the moment of their change, which the record keeps.
  const time = formatShort(current.updatedAt, n.language, new Date());
  const [field] = fieldsChangedBy(action);
  if (field === undefined) return n.t('outbox.conflictAt', { time });
  return n.t(`outbox.conflictField.${field}`, { theirs: theirs(action, current, n), mine: mine(action, n), time });
}

export function describe(action: TicketAction, n: Names): string {
  return `${n.t(`action.${action.type}`)} → ${mine(action, n)}`;
}
