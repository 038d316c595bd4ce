/**
 * Offline: with the backend stopped, the agent recategorises three tickets.
 * The console keeps working and says so (row marks, status bar count, offline
 * note); nothing reaches the backend. When the backend comes back on the same
 * port and database, each change arrives exactly once and the marks clear.
 */
import type { Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import { QueuePage, StatusBar, TicketPage } from './pages/index.js';

const TARGETS = ['website-builder', 'account-access'] as const;

test('offline recategorisations stay pending and reach the backend exactly once when it returns', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  await queue.waitForRows();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'true');

  const ids = (await queue.visibleTicketIds()).slice(0, 3);
  expect(ids).toHaveLength(3);
  const before = new Map<string, Ticket>();
  for (const id of ids) {
    const t = await backend.getTicket(id);
    if (t === undefined) throw new Error(`ticket ${id} not in the backend`);
    before.set(id, t);
  }
  const targetOf = (id: string): string => TARGETS.find((c) => c !== before.get(id)?.categoryId) ?? TARGETS[0];

  await backend.stop();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'false');
  await expect(statusBar.offlineNote).toBeVisible();

  for (const id of ids) {
    await queue.row(id).click();
    await expect(ticketPane.root).toHaveAttribute('data-ticket-id', id);
    await ticketPane.recategoriseByKeyboard(targetOf(id));
    // The change shows at once, from the local cache, marked as not yet sent.
    await expect(ticketPane.category).toHaveAttribute('data-category-id', targetOf(id));
    // Pending, or "sending" while the sender keeps retrying the unreachable backend: either way not final.
    await expect(ticketPane.outboxEntries).toHaveCount(1);
    await expect(ticketPane.outboxEntries).toHaveAttribute('data-state', /^(pending|sending)$/);
  }
  for (const id of ids) {
    await expect(queue.pendingMark(id)).toBeVisible();
    await expect(queue.row(id)).toHaveAttribute('data-pending', 'true');
  }
  await expect(statusBar.pending).toHaveAttribute('data-count', '3');
  await expect(statusBar.offlineNote).toBeVisible();
  // Nothing left the console: the backend's file still has every ticket as it was.
  const stored = new Map(backend.tickets().map((t) => [t.id, t]));
  for (const id of ids) expect(stored.get(id)).toEqual(before.get(id));

  await backend.start();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'true');
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(statusBar.offlineNote).toHaveCount(0);
  for (const id of ids) {
    await expect(queue.pendingMark(id)).toHaveCount(0);
    await expect(queue.row(id)).toHaveAttribute('data-pending', 'false');
  }
  await expect(ticketPane.outboxEntries).toHaveCount(0);

  // Exactly once: each ticket has the new category and moved by exactly one version.
  const expectArrived = async (): Promise<void> => {
    for (const id of ids) {
      const was = before.get(id);
      expect(await backend.getTicket(id)).toMatchObject({ categoryId: targetOf(id), version: (was?.version ?? 0) + 1 });
    }
  };
  await expect
    .poll(async () => {
      try {
        await expectArrived();
        return true;
      } catch {
        return false;
      }
    })
    .toBe(true);
  await page.waitForTimeout(2_500); // one safety pull period (fixture: 2 s): a late replay would show now
  await expectArrived();
  // The page talks to main, not to the backend: a backend outage logs no error in the page.
  expect(consoleErrors).toEqual([]);
});
