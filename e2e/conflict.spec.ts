/**
 * Another agent changes the same ticket while the agent's change waits to be
 * sent. The console shows the conflict with both versions; "keep theirs"
 * drops the agent's change (backend and screen show theirs), "apply mine
 * again" sends it on top of theirs (the backend ends with mine).
 *
 * A conflict says in French what they changed, to what and when, beside the
 * agent's own value, never the backend's English sentence. A change of other
 * fields (their priority under my category) is no conflict: mine is resent
 * on top of theirs. A rule refusal is said in French with its detail.
 *
 * The agent acts while the backend is stopped, and the other agent's change
 * is made through a backend on another port the console does not know: so
 * the other change is always first, and the conflict is not left to timing.
 */
import { CATEGORY_NAMES } from '../src/server/seed/vocab.js';
import type { CategoryId } from '../src/server/seed/vocab.js';
import type { Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import { QueuePage, StatusBar, TicketPage } from './pages/index.js';

const CHOICES: readonly CategoryId[] = ['website-builder', 'account-access', 'billing', 'other'];

/** Two categories other than the ticket's own: the agent's and the other agent's. */
function pickCategories(ticket: Ticket): { mine: CategoryId; theirs: CategoryId } {
  const [mine, theirs] = CHOICES.filter((c) => c !== ticket.categoryId);
  if (mine === undefined || theirs === undefined) throw new Error('not enough categories');
  return { mine, theirs };
}

test('a conflict shows both versions; "keep theirs" and "apply mine again" each work', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  await queue.waitForRows();

  const [keepId, againId] = await queue.visibleTicketIds();
  if (keepId === undefined || againId === undefined) throw new Error('fewer than two rows');
  const before = new Map<string, Ticket>();
  for (const id of [keepId, againId]) {
    const t = await backend.getTicket(id);
    if (t === undefined) throw new Error(`ticket ${id} not in the backend`);
    before.set(id, t);
  }
  const plan = (id: string) => {
    const t = before.get(id);
    if (t === undefined) throw new Error(`no ticket ${id}`);
    return { ...pickCategories(t), version: t.version };
  };

  // The agent recategorises both tickets while their change cannot be sent.
  await backend.stop();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'false');
  for (const id of [keepId, againId]) {
    await queue.row(id).click();
    await expect(ticketPane.root).toHaveAttribute('data-ticket-id', id);
    await ticketPane.recategoriseByKeyboard(plan(id).mine);
    await expect(ticketPane.category).toHaveAttribute('data-category-id', plan(id).mine);
  }
  await expect(statusBar.pending).toHaveAttribute('data-count', '2');

  // Meanwhile another agent recategorises both differently.
  await backend.changeWhileStopped(async (admin) => {
    for (const id of [keepId, againId]) await admin.recategorise(id, plan(id).theirs);
  });
  await backend.start();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'true');
  await expect(statusBar.needsAttention).toHaveAttribute('data-count', '2');
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(queue.needsAttentionMark(keepId)).toBeVisible();
  await expect(queue.needsAttentionMark(againId)).toBeVisible();
  // The backend kept the other agent's change only: the agent's was refused, not applied.
  for (const id of [keepId, againId]) {
    expect(await backend.getTicket(id)).toMatchObject({ categoryId: plan(id).theirs, version: plan(id).version + 1 });
  }

  // First ticket: both versions are shown; keep theirs.
  await queue.row(keepId).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', keepId);
  await expect(ticketPane.outboxEntry('conflict')).toHaveCount(1);
  await expect(ticketPane.conflictTheirs()).toContainText(CATEGORY_NAMES[plan(keepId).theirs].fr);
  await expect(ticketPane.conflictMine()).toContainText(CATEGORY_NAMES[plan(keepId).mine].fr);
  // In French, what they changed, to what and when, beside mine; never the backend's English sentence.
  await expect(ticketPane.outboxEntry('conflict')).not.toContainText(/changed since you saw it|version \d/u);
  const sentence = ticketPane.root.getByTestId('conflict-sentence');
  await expect(sentence).toContainText(
    `La catégorie a été changée en « ${CATEGORY_NAMES[plan(keepId).theirs].fr} » à `,
  );
  await expect(sentence).toContainText(`; vous : « ${CATEGORY_NAMES[plan(keepId).mine].fr} »`);
  // While the agent decides, the ticket shows the backend's state (theirs), not the refused change.
  await expect(ticketPane.category).toHaveAttribute('data-category-id', plan(keepId).theirs);
  await ticketPane.keepTheirs();
  await expect(ticketPane.outboxEntries).toHaveCount(0);
  await expect(ticketPane.category).toHaveAttribute('data-category-id', plan(keepId).theirs);
  await expect(queue.needsAttentionMark(keepId)).toHaveCount(0);
  await expect(statusBar.needsAttention).toHaveAttribute('data-count', '1');

  // Second ticket: apply mine again, on top of theirs.
  await queue.row(againId).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', againId);
  await expect(ticketPane.outboxEntry('conflict')).toHaveCount(1);
  await expect(ticketPane.conflictTheirs()).toContainText(CATEGORY_NAMES[plan(againId).theirs].fr);
  await expect(ticketPane.conflictMine()).toContainText(CATEGORY_NAMES[plan(againId).mine].fr);
  await ticketPane.applyMineAgain();
  await expect(ticketPane.outboxEntries).toHaveCount(0);
  await expect(ticketPane.category).toHaveAttribute('data-category-id', plan(againId).mine);
  await expect(statusBar.needsAttention).toHaveCount(0);
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(queue.needsAttentionMark(againId)).toHaveCount(0);

  // The backend: theirs kept on the first (no further version), mine on top of theirs on the second.
  await expect
    .poll(async () => await backend.getTicket(againId))
    .toMatchObject({ categoryId: plan(againId).mine, version: plan(againId).version + 2 });
  expect(await backend.getTicket(keepId)).toMatchObject({
    categoryId: plan(keepId).theirs,
    version: plan(keepId).version + 1,
  });
  expect(consoleErrors).toEqual([]);
});

test("someone else's priority change under my recategorise is no conflict: mine lands on top of theirs", async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  await queue.waitForRows();
  const [id] = await queue.visibleTicketIds();
  if (id === undefined) throw new Error('no rows');
  const before = await backend.getTicket(id);
  if (before === undefined) throw new Error(`ticket ${id} not in the backend`);
  const { mine } = pickCategories(before);
  const priority = before.priority === 'urgent' ? 'low' : 'urgent';

  await backend.stop();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'false');
  await queue.row(id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', id);
  await ticketPane.recategoriseByKeyboard(mine);
  await expect(statusBar.pending).toHaveAttribute('data-count', '1');
  await backend.changeWhileStopped((admin) => admin.updateTicket(id, { priority }));
  await backend.start();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'true');

  // Their priority and my category, one version each; the agent is asked nothing.
  await expect
    .poll(async () => await backend.getTicket(id))
    .toMatchObject({ categoryId: mine, priority, version: before.version + 2 });
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(statusBar.needsAttention).toHaveCount(0);
  await expect(queue.needsAttentionMark(id)).toHaveCount(0);
  await expect(ticketPane.outboxEntries).toHaveCount(0);
  await expect(ticketPane.category).toHaveAttribute('data-category-id', mine);
  expect(consoleErrors).toEqual([]);
});

test("a rule refusal is said in French with its detail, not in the backend's English", async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  await queue.waitForRows();
  const [id] = await queue.visibleTicketIds();
  if (id === undefined) throw new Error('no rows');
  const before = await backend.getTicket(id);
  if (before === undefined) throw new Error(`ticket ${id} not in the backend`);
  const { mine } = pickCategories(before);

  // The agent picks a category that the backoffice removes before the action arrives.
  await backend.stop();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'false');
  await queue.row(id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', id);
  await ticketPane.recategoriseByKeyboard(mine);
  await backend.changeWhileStopped((admin) => admin.deleteRecord('category', mine));
  await backend.start();

  const rejected = ticketPane.outboxEntry('rejected');
  await expect(rejected).toHaveCount(1);
  await expect(rejected).not.toContainText('does not exist');
  // Named as the agent knew it, or by its id once the feed has removed it from the cache.
  await expect(rejected).toContainText(
    new RegExp(`La catégorie « (${CATEGORY_NAMES[mine].fr}|${mine}) » n’existe pas \\(ou plus\\)\\.`, 'u'),
  );
  await expect(ticketPane.root.getByTestId('rejected-reason')).toHaveAttribute('data-reason', 'unknown_category');
  expect(await backend.getTicket(id)).toMatchObject({ categoryId: before.categoryId, version: before.version });
  expect(consoleErrors).toEqual([]);
});
