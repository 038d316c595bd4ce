/**
 * A desk that throws while rendering shows its error boundary, not a blank
 * window: main answers `ticket:get` with a well-formed envelope whose
 * content is malformed (messages is not a list), the ticket pane throws, and
 * the triage desk is replaced by a message in the agent's language with
 * "Reload" and "Copy details". The header, the other desks and the status
 * bar keep working; once main's data is good again, Reload brings the desk
 * back with the ticket open.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.js';
import { CallbacksPage, DeskError, QueuePage, StatusBar, TicketPage } from './pages/index.js';

const fr = JSON.parse(readFileSync(new URL('../src/renderer/src/i18n/fr.json', import.meta.url), 'utf8')) as {
  deskError: Record<string, string>;
};
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

test('a desk that crashes on bad data shows its error boundary, and Reload brings it back', async ({
  consolePage: page,
  context,
  consoleErrors,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  const crash = new DeskError(page);
  await queue.waitForRows();
  const [id] = await queue.visibleTicketIds();
  if (id === undefined) throw new Error('no row');
  const subject = await queue.row(id).getByTestId('row-subject').innerText();

  // Main's real answer, with the messages replaced by a number: the envelope is fine, the content is not.
  await page.route('**/ipc/ticket:get', async (route) => {
    const answer = await route.fetch();
    const envelope = (await answer.json()) as { ok: boolean; value: Record<string, unknown> | null };
    if (envelope.value !== null) envelope.value.messages = 42;
    await route.fulfill({ response: answer, json: envelope });
  });
  await queue.row(id).click();

  await expect(crash.root).toBeVisible();
  await expect(crash.root).toContainText(fr.deskError.title ?? '');
  await expect(crash.reload).toHaveText(fr.deskError.reload ?? '');
  await expect(ticketPane.root).toHaveCount(0);
  await expect(page.getByTestId('queue')).toHaveCount(0);

  // Copy details: the error, where it happened and the version; not the ticket's content.
  await crash.copy.click();
  await expect(crash.copyResult).toHaveText(fr.deskError.copied ?? '');
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toContain(`Support Console ${version}, desk: triage`);
  expect(copied).toContain('TypeError');
  expect(copied).toContain('Component stack:');
  expect(copied).not.toContain(subject);
  // The ticket's number, not the digits of a bundle's line:column in the component stack (":33399:2").
  expect(copied).not.toMatch(new RegExp(`(?<![\\d:])${id}(?!\\d)`));

  // The rest of the window still works: the status bar, and another desk.
  await expect(statusBar.connection).toHaveAttribute('data-online', 'true');
  await crash.tab('callbacks').click();
  await expect(new CallbacksPage(page).desk).toBeVisible();
  await expect(crash.root).toHaveCount(0);
  await crash.tab('triage').click();
  // The bad detail is still what the desk holds: it fails again, in its own place.
  await expect(crash.root).toBeVisible();

  // Main answers well again: Reload fetches the data again and remounts the desk.
  await page.unroute('**/ipc/ticket:get');
  await crash.reload.click();
  await expect(crash.root).toHaveCount(0);
  await expect(ticketPane.root).toBeVisible();
  await expect(ticketPane.subject).toHaveText(subject);
  await expect(ticketPane.messages.first()).toBeVisible();
  await queue.waitForRows();

  // The only errors logged are React's reports of the caught render error.
  expect(consoleErrors.length).toBeGreaterThan(0);
  for (const error of consoleErrors) expect(error).toMatch(/not iterable|The above error occurred|DeskErrorBoundary/);
});
