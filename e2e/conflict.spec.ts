/**
 * Another agent changes the same ticket while the agent's change waits to be
 * sent. The console shows the conflict with both versions; "keep theirs"
 * drops the agent's change (backend and screen show theirs), "apply mine
 * again" sends it on top of theirs (the backend ends with mine).
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
    const t = backend.getTicket(id);
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
  await backend.changeWhileStopped((admin) => {
    for (const id of [keepId, againId]) admin.recategorise(id, plan(id).theirs);
  });
  await backend.start();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'true');
  await expect(statusBar.needsAttention).toHaveAttribute('data-count', '2');
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(queue.needsAttentionMark(keepId)).toBeVisible();
  await expect(queue.needsAttentionMark(againId)).toBeVisible();
  // The backend kept the other agent's change only: the agent's was refused, not applied.
  for (const id of [keepId, againId]) {
    expect(backend.getTicket(id)).toMatchObject({ categoryId: plan(id).theirs, version: plan(id).version + 1 });
  }

  // First ticket: both versions are shown; keep theirs.
  await queue.row(keepId).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', keepId);
  await expect(ticketPane.outboxEntry('conflict')).toHaveCount(1);
  await expect(ticketPane.conflictTheirs()).toContainText(CATEGORY_NAMES[plan(keepId).theirs].fr);
  await expect(ticketPane.conflictMine()).toContainText(CATEGORY_NAMES[plan(keepId).mine].fr);
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
    .poll(() => backend.getTicket(againId))
    .toMatchObject({ categoryId: plan(againId).mine, version: plan(againId).version + 2 });
  expect(backend.getTicket(keepId)).toMatchObject({
    categoryId: plan(keepId).theirs,
    version: plan(keepId).version + 1,
  });
  expect(consoleErrors).toEqual([]);
});
