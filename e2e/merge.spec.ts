/**
 * Merging a duplicate from the triage desk: a confirmation that shows both tickets and which one stays
 * open, an undo while the merge waits in the outbox (the backend never hears of an undone merge), and a
 * kept merge that carries the duplicate's conversation over and links both tickets.
 */
import type { Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import { MergePage, QueuePage, StatusBar, TicketPage } from './pages/index.js';
import type { Page } from '@playwright/test';

test.use({ seedTickets: 60 });

/** The outbox holds a merge this long (MERGE_UNDO_MS), plus room for the send and the pull after it. */
const HOLD_MS = 5_000;

/** A customer writing twice about the same thing, an hour apart: the console lists the second as a likely duplicate. */
async function createPair(backend: BackendControl): Promise<{ target: Ticket; dup: Ticket }> {
  const customer = {
    accountId: null,
    categoryId: 'hosting',
    status: 'new' as const,
    requesterName: 'Nora Keller',
    requesterEmail: 'nora.keller@example.ch',
  };
  const now = Date.now();
  const target = await backend.current.admin.createTicket({
    ...customer,
    subject: 'Site keller-web.ch hors ligne',
    body: 'Notre site keller-web.ch est hors ligne depuis ce matin, erreur 503 sur toutes les pages.',
    createdAt: new Date(now - 3_600_000).toISOString(),
  });
  const dup = await backend.current.admin.createTicket({
    ...customer,
    subject: 'Site keller-web.ch toujours hors ligne',
    body: 'Le site keller-web.ch est toujours hors ligne, erreur 503 sur toutes les pages, merci de vérifier.',
    createdAt: new Date(now).toISOString(),
  });
  return { target, dup };
}

async function openWithDuplicate(page: Page, target: Ticket, dup: Ticket): Promise<TicketPage> {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  await queue.waitForRows();
  await queue.row(target.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', target.id);
  await expect(ticketPane.duplicates.and(page.locator(`[data-ticket-id="${dup.id}"]`))).toHaveCount(1);
  await queue.focus();
  return ticketPane;
}

test('the confirmation shows both tickets and which stays open; Escape cancels and nothing changes', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const { target, dup } = await createPair(backend);
  const ticketPane = await openWithDuplicate(page, target, dup);
  const merge = new MergePage(page);

  await page.keyboard.press('m');
  await expect(merge.dialog).toBeVisible();
  await expect(merge.confirm).toBeFocused();
  await expect(merge.closes).toHaveAttribute('data-ticket-id', dup.id);
  await expect(merge.staysOpen).toHaveAttribute('data-ticket-id', target.id);
  expect(await merge.card('closes')).toEqual({
    number: `#${dup.id}`,
    subject: dup.subject,
    requester: 'Nora Keller · nora.keller@example.ch',
    messages: '1 message',
  });
  expect(await merge.card('staysOpen')).toMatchObject({ number: `#${target.id}`, subject: target.subject });

  await page.keyboard.press('Escape');
  await expect(merge.dialog).toHaveCount(0);
  await expect(ticketPane.outboxEntries).toHaveCount(0);
  await expect(ticketPane.duplicates).toHaveCount(1);
  await page.waitForTimeout(HOLD_MS + 500);
  expect(await backend.getTicket(dup.id)).toEqual(dup);
  expect(await backend.getTicket(target.id)).toEqual(target);
  expect(consoleErrors).toEqual([]);
});

test("an undone merge (z, or the notice's button) leaves both tickets on the backend as they were", async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const { target, dup } = await createPair(backend);
  const ticketPane = await openWithDuplicate(page, target, dup);
  const merge = new MergePage(page);
  const statusBar = new StatusBar(page);

  await page.keyboard.press('m');
  await expect(merge.dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(merge.dialog).toHaveCount(0);
  await expect(merge.doneNotice).toBeVisible();
  await expect(ticketPane.duplicates).toHaveCount(0);
  await expect(statusBar.pending).toHaveAttribute('data-count', '1');

  // The notice's key: z.
  await page.keyboard.press('z');
  await expect(merge.undoneNotice).toBeVisible();
  await expect(merge.doneNotice).toHaveCount(0);
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(ticketPane.duplicates).toHaveCount(1);

  // Again, undone with the notice's button this time.
  await page.keyboard.press('m');
  await expect(merge.dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(merge.doneNotice).toBeVisible();
  await expect(statusBar.pending).toHaveAttribute('data-count', '1');
  await merge.undo.click();
  await expect(merge.doneNotice).toHaveCount(0);
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(ticketPane.duplicates).toHaveCount(1);

  // Past the hold and a safety pull: the backend never received it.
  await page.waitForTimeout(HOLD_MS + 2_500);
  expect(await backend.getTicket(dup.id)).toEqual(dup);
  expect(await backend.getTicket(target.id)).toEqual(target);
  expect(backend.messagesOf(target.id)).toEqual([]);
  await expect(new QueuePage(page).pendingMark(dup.id)).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('a kept merge carries the messages over and links both tickets', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const { target, dup } = await createPair(backend);
  const ticketPane = await openWithDuplicate(page, target, dup);
  const merge = new MergePage(page);
  const statusBar = new StatusBar(page);

  // The key that opened the dialog confirms it.
  await page.keyboard.press('m');
  await expect(merge.dialog).toBeVisible();
  await page.keyboard.press('m');
  await expect(merge.doneNotice).toBeVisible();
  // Held for the undo, then sent once.
  await page.waitForTimeout(HOLD_MS / 2);
  expect((await backend.getTicket(dup.id))?.duplicateOfId).toBeNull();
  await expect(statusBar.pending).toHaveAttribute('data-count', '0', { timeout: HOLD_MS * 2 });
  await expect(merge.doneNotice).toHaveCount(0);

  expect(await backend.getTicket(dup.id)).toMatchObject({ duplicateOfId: target.id, status: 'closed' });
  expect((await backend.getTicket(target.id))?.mergedFrom).toEqual([dup.id]);
  expect(backend.messagesOf(target.id)).toMatchObject([
    { kind: 'customer', mergedFromId: dup.id, body: `${dup.subject}\n\n${dup.body}`, createdAt: dup.createdAt },
  ]);

  // On screen: the copied message with its origin, and the link to the merged ticket.
  await expect(merge.carried).toHaveCount(1);
  await expect(merge.carried.getByTestId('message-body')).toContainText(dup.body);
  await expect(merge.mergedFrom).toHaveAttribute('data-ticket-id', dup.id);
  await merge.mergedFrom.click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', dup.id);
  await expect(ticketPane.status).toHaveAttribute('data-status', 'closed');
  await expect(merge.mergedInto).toHaveAttribute('data-ticket-id', target.id);
  await expect(merge.mergedInto).toHaveText(`Fusionné dans #${target.id}`);
  expect(consoleErrors).toEqual([]);
});
