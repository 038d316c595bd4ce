/**
 * Screenshots for the README and reviewers: the queue, a ticket and the
 * command palette, 1280×800, French UI, once the data is there. Written to
 * docs/screenshots/ on every run, so they follow the UI.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.js';
import { CommandPalette, QueuePage, StatusBar, TicketPage } from './pages/index.js';

const DIR = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

test.use({ viewport: { width: 1280, height: 800 } });

test('screenshots of the queue, a ticket and the command palette', async ({ consolePage: page, consoleErrors }) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  await queue.waitForRows();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // Synced: counts in the sidebar, a last-sync time, no first-sync progress bar.
  await expect(statusBar.lastSync).not.toContainText('jamais');
  await expect(statusBar.progress).toHaveCount(0);
  await expect(page.getByTestId('sidebar').locator('[data-testid^="category-"]').first()).toBeVisible();
  await expect(page.getByTestId('queue-row-loading')).toHaveCount(0);
  await page.screenshot({ path: `${DIR}queue.png` });

  // A ticket with some substance: the first row with an attachment or a longer conversation is not
  // guaranteed, so take the first one and wait until its detail is complete.
  await queue.focus();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(ticketPane.root).toBeVisible();
  await expect(ticketPane.messages.first()).toBeVisible();
  await page.screenshot({ path: `${DIR}ticket.png` });

  const palette = new CommandPalette(page);
  await palette.open();
  await expect(palette.item('recategorise')).toBeVisible();
  await page.screenshot({ path: `${DIR}command-palette.png` });
  await palette.close();
  await expect(palette.root).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
