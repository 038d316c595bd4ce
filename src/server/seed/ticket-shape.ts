/**
 * The proportions of the ticket stream (channels, categories, priorities,
 * statuses), in one place so they can be tuned against a real helpdesk's
 * numbers. Statuses are drawn by recency: the backlog is recent.
 */
import type { Ticket, TicketStatus } from '../../shared/entities.js';
import { weighted } from './random.js';
import type { CategoryId } from './vocab.js';

export const CHANNELS = weighted<Ticket['channel']>([
  ['portal', 70],
  ['email', 14],
  ['chat', 8],
  ['phone', 8],
]);
export const CHAT_CATEGORIES = weighted<CategoryId>([
  ['email', 25],
  ['billing', 20],
  ['account-access', 15],
  ['domains', 12],
  ['hosting', 10],
  ['other', 10],
  ['website-builder', 5],
  ['ssl', 3],
]);
/** Where misfiled tickets land: "other" first, then the big generic queues. */
export const WRONG_CATEGORY = weighted<CategoryId>([
  ['other', 40],
  ['hosting', 20],
  ['email', 15],
  ['domains', 10],
  ['billing', 10],
  ['account-access', 5],
]);
export const PRIORITY = weighted<Ticket['priority']>([
  ['low', 15],
  ['normal', 65],
  ['high', 15],
  ['urgent', 5],
]);
export const PRIORITY_ENTITLED = weighted<Ticket['priority']>([
  ['low', 5],
  ['normal', 55],
  ['high', 30],
  ['urgent', 10],
]);
export const NEWEST_STATUS = weighted<TicketStatus>([
  ['new', 70],
  ['open', 20],
  ['pending', 10],
]);
export const RECENT_STATUS = weighted<TicketStatus>([
  ['new', 30],
  ['open', 40],
  ['pending', 30],
]);
export const OLD_OPEN_STATUS = weighted<TicketStatus>([
  ['open', 50],
  ['pending', 50],
]);

/** Share of tickets that get an assignee, by status (≈40 % overall). */
export const ASSIGNED_SHARE: Record<TicketStatus, number> = {
  new: 0,
  open: 0.75,
  pending: 0.9,
  solved: 0.38,
  closed: 0.38,
};
/** Share of tickets with replies or notes, by status (a pending ticket waits on our question). */
export const WITH_MESSAGES_SHARE: Record<TicketStatus, number> = {
  new: 0,
  open: 0.5,
  pending: 0.85,
  solved: 0.35,
  closed: 0.35,
};
