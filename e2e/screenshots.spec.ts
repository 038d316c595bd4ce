/**
 * Screenshots for the README and reviewers: the queue, a ticket and the
 * command palette, the settings screen in the light and the dark theme (and
 * the notice of a diagnostics export), and
 * a desk after a renderer crash (its error boundary), 1280×800, French UI,
 * once the data is there. `npm test` takes them into the test's output
 * folder (the checks on the way run there); `npm run screenshots` writes them
 * to docs/screenshots/, the pictures the README shows.
 */
import { expect, test } from './fixtures.js';
import { CommandPalette, DeskError, QueuePage, Settings, StatusBar, TicketPage } from './pages/index.js';

test.use({ viewport: { width: 1280, height: 800 } });

test('screenshots of the queue, a ticket and the command palette @screenshot', async ({
  consolePage: page,
  consoleErrors,
  docScreenshot,
}) => {
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
  await docScreenshot('queue.png');

  // A ticket with some substance: the first row with an attachment or a longer conversation is not
  // guaranteed, so take the first one and wait until its detail is complete.
  await queue.focus();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(ticketPane.root).toBeVisible();
  await expect(ticketPane.messages.first()).toBeVisible();
  await docScreenshot('ticket.png');

  const palette = new CommandPalette(page);
  await palette.open();
  await expect(palette.item('recategorise')).toBeVisible();
  await docScreenshot('command-palette.png');
  await palette.close();
  await expect(palette.root).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('screenshots of the settings screen, light and dark, and a diagnostics export done @screenshot', async ({
  consolePage: page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  const queue = new QueuePage(page);
  const settings = new Settings(page);
  await queue.waitForRows();
  await expect(page.getByTestId('queue-row-loading')).toHaveCount(0);
  await settings.open();
  await settings.setTheme('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await settings.backendUrl.fill(backend.url);
  await settings.backendTest.click();
  await expect(settings.backendProbe).toHaveAttribute('data-outcome', 'reachable');
  await docScreenshot('settings-light.png');
  await settings.setTheme('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await docScreenshot('settings-dark.png');
  await settings.exportDiagnostics.click();
  const saved = page.locator('[data-testid="notice"][data-key="notice.diagnosticsSaved"]');
  await expect(saved).toBeVisible();
  await docScreenshot('diagnostics-exported.png');
  // Dismissed, as a person would: otherwise it covers the ticket's header in the next picture.
  await saved.getByRole('button', { name: 'Fermer', exact: true }).click();
  await expect(saved).toHaveCount(0);
  await settings.close();
  await queue.focus();
  await page.keyboard.press('Enter');
  await expect(new TicketPage(page).messages.first()).toBeVisible();
  await docScreenshot('ticket-dark.png');
  expect(consoleErrors).toEqual([]);
});

test('screenshot of a desk after a renderer crash @screenshot', async ({ consolePage: page, docScreenshot }) => {
  const queue = new QueuePage(page);
  await queue.waitForRows();
  // Well-formed envelope, malformed content (see desk-crash.spec.ts).
  await page.route('**/ipc/ticket:get', async (route) => {
    const answer = await route.fetch();
    const envelope = (await answer.json()) as { value: Record<string, unknown> | null };
    if (envelope.value !== null) envelope.value.messages = 42;
    await route.fulfill({ response: answer, json: envelope });
  });
  await queue.rows.first().click();
  const crash = new DeskError(page);
  await expect(crash.root).toBeVisible();
  await crash.root.locator('summary').click();
  await expect(crash.details).toBeVisible();
  await docScreenshot('desk-error.png');
});
