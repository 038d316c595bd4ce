/** Sentences for outbox entries and conflicts: what the agent did, and the field it touched on both sides. */
import type { TFunction } from 'i18next';
import type { TicketAction, UiLanguage } from '../../../../shared/ipc.js';
import type { Agent, Category, Ticket } from '../../../../shared/entities.js';
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

export function describe(action: TicketAction, n: Names): string {
  return `${n.t(`action.${action.type}`)} → ${mine(action, n)}`;
}
