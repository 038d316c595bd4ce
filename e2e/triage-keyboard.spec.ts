/**
 * An agent triages a ticket from the queue with the keyboard alone: open,
 * recategorise, assign to self, reply with a canned reply, close. Then the
 * backend holds each change exactly once — the version moved by exactly the
 * number of actions, and there is exactly one new reply.
 */
import { CANNED_REPLIES } from '../src/shared/canned-replies.js';
import type { Ticket } from '../src/shared/entities.js';
import { isChatTermination } from '../src/shared/ticket-actions.js';
import { expect, test } from './fixtures.js';
import { QueuePage, StatusBar, TicketPage } from './pages/index.js';

/** Two categories the seed has; whichever the ticket is not in becomes the target. */
const TARGETS = ['website-builder', 'account-access'] as const;

test('an agent triages a ticket by keyboard only and the backend has each change exactly once', async ({
  consolePage: page,
  consoleWorld,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  const me = (await consoleWorld.services.handlers['session:get']()).agent.id;

  await queue.waitForRows();
  // Keyboard only from here: focusing the list is what Tab would do, without a click.
  await queue.focus();

  // j down the queue to a ticket that every action really changes (not mine yet, not a chat termination).
  const suitable = (t: Ticket | undefined): t is Ticket =>
    t !== undefined && t.assigneeId !== me && !isChatTermination(t) && t.status !== 'closed';
  let before: Ticket | undefined;
  for (let moves = 0; moves < 15 && before === undefined; moves += 1) {
    await page.keyboard.press('j');
    const id = await queue.selectedTicketId();
    const candidate = id === null ? undefined : await backend.getTicket(id);
    if (suitable(candidate)) before = candidate;
  }
  if (before === undefined) throw new Error('no ticket to triage among the first rows');
  const id = before.id;
  const messagesBefore = backend.messagesOf(id).length;
  const target = TARGETS.find((c) => c !== before.categoryId) ?? TARGETS[0];
  const canned = CANNED_REPLIES.find((c) => c.id === `ticket-received.${before.language}`);
  if (canned === undefined) throw new Error(`no canned reply in ${before.language}`);

  // Open (Enter): the ticket pane shows the selected row's ticket; the focus stays on the list.
  await page.keyboard.press('Enter');
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', id);
  await expect(queue.list).toBeFocused();

  // Recategorise (c, type, Enter).
  await page.keyboard.press('c');
  const categoryInput = page.getByTestId('category-picker-input');
  await expect(categoryInput).toBeFocused();
  await page.keyboard.type(target);
  await expect(ticketPane.pickerItem('category-picker', target)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(ticketPane.picker('category-picker')).toHaveCount(0);
  await expect(ticketPane.category).toHaveAttribute('data-category-id', target);

  // Assign to self (a, "me" is the first option).
  await page.keyboard.press('a');
  await expect(page.getByTestId('assign-picker-input')).toBeFocused();
  await expect(ticketPane.pickerItem('assign-picker', me)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(ticketPane.assignee).toHaveAttribute('data-assignee-id', me);

  // Reply with a canned reply (r, filter, Enter inserts, Ctrl+Enter sends).
  await page.keyboard.press('r');
  const cannedFilter = page.getByTestId('canned-filter');
  await expect(cannedFilter).toBeFocused();
  await page.keyboard.type(canned.id);
  await page.keyboard.press('Enter');
  await expect(ticketPane.composerBody).toBeFocused();
  await expect(ticketPane.composerBody).toHaveValue(canned.body);
  await page.keyboard.press('Control+Enter');
  await expect(ticketPane.composer).toHaveCount(0);
  await expect(ticketPane.messages.filter({ hasText: canned.body.slice(0, 40) })).toHaveCount(1);

  // Close (s, "closed", Enter).
  await page.keyboard.press('s');
  await expect(page.getByTestId('status-picker-input')).toBeFocused();
  await page.keyboard.type('closed');
  await expect(ticketPane.pickerItem('status-picker', 'closed')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(ticketPane.status).toHaveAttribute('data-status', 'closed');

  // Every action reached the backend: the outbox drained, the screen is final.
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(ticketPane.outboxEntries).toHaveCount(0);
  const expected = {
    categoryId: target,
    assigneeId: me,
    status: 'closed',
    version: before.version + 4,
  };
  await expect.poll(async () => await backend.getTicket(id)).toMatchObject(expected);

  // Exactly once: one new reply with the canned text, and the version moved by exactly the four actions
  // (no replay of an action counted twice), still so after the console's next pulls.
  const replies = backend.messagesOf(id).slice(messagesBefore);
  expect(replies).toHaveLength(1);
  expect(replies[0]).toMatchObject({ kind: 'reply', authorAgentId: me, body: canned.body });
  await page.waitForTimeout(2_500); // one safety pull period (fixture: 2 s) for a late duplicate to show up
  expect(await backend.getTicket(id)).toMatchObject(expected);
  expect(backend.messagesOf(id)).toHaveLength(messagesBefore + 1);
  expect(consoleErrors).toEqual([]);
});
