/**
 * Switching to German changes the whole screen: German strings across the
 * sidebar, toolbar, status bar and ticket pane, and none of the French UI
 * strings (every value of fr.json) left anywhere on screen — text, labels,
 * placeholders, tooltips. Customer text (subjects, messages) stays in the
 * customer's language and is left out of the comparison.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { QueuePage, Settings, StatusBar, TicketPage } from './pages/index.js';

type Resources = Map<string, string>;

function flatten(value: unknown, prefix: string, into: Resources): Resources {
  if (typeof value === 'string') into.set(prefix, value);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix}.${k}`, into);
  return into;
}

function resources(language: 'fr' | 'de'): Resources {
  const file = new URL(`../src/renderer/src/i18n/${language}.json`, import.meta.url);
  return flatten(JSON.parse(readFileSync(file, 'utf8')) as unknown, '', new Map());
}

const fr = resources('fr');
const de = resources('de');

function deText(key: string, vars: Record<string, string | number> = {}): string {
  const value = de.get(key);
  if (value === undefined) throw new Error(`de.json has no ${key}`);
  // {{name}} or {{name, format}}; the numbers here are under 1,000, so no grouping to reproduce.
  return value.replace(/\{\{(\w+)(?:, *\w+)?\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/**
 * The literal parts of every French string that German says differently
 * (some words are the same in both, e.g. "Ticket", "Chat"), at least three
 * letters long, so each can be looked for as a whole phrase.
 */
function frenchFragments(): string[] {
  const fragments = new Set<string>();
  for (const [key, value] of fr) {
    const german = de.get(key) ?? de.get(key.replace(/_many$/, '_other'));
    if (german === value) continue;
    for (const part of value.split(/\{\{\w+(?:, *\w+)?\}\}/)) {
      const literal = part.replace(/^[\s:;,.·…()]+|[\s:;,.·…()]+$/g, '');
      if ((literal.match(/\p{L}/gu) ?? []).length >= 3) fragments.add(literal);
    }
  }
  return [...fragments];
}

/** Customer text: in the customer's language whatever the UI language. */
const CUSTOMER_TEXT = [
  'row-subject',
  'row-snippet',
  'ticket-subject',
  'message-body',
  'duplicate-subject',
  'attachment-name',
] as const;

/**
 * What the agent sees (rendered text, `innerText`: no display:none) and the
 * names assistive technology and tooltips give (aria-label, placeholder,
 * title), with customer text cut out.
 */
async function screenText(page: Page): Promise<string> {
  let text = await page.locator('body').innerText();
  for (const id of CUSTOMER_TEXT) {
    for (const customer of await page.getByTestId(id).allInnerTexts()) text = text.split(customer).join('\n');
  }
  const labelled = await page.locator('[aria-label]:visible, [placeholder]:visible, [title]:visible').all();
  const labels = await Promise.all(
    labelled.flatMap((el) => ['aria-label', 'placeholder', 'title'].map((attr) => el.getAttribute(attr))),
  );
  return [text, ...labels.filter((l): l is string => l !== null)].join('\n');
}

test('switching to German changes the whole screen', async ({ consolePage: page, consoleErrors }) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  await queue.waitForRows();
  const firstId = (await queue.visibleTicketIds())[0];
  if (firstId === undefined) throw new Error('no row');
  await queue.row(firstId).click();
  await expect(ticketPane.root).toBeVisible();
  // French first: the check below can tell a switch from a screen that was never French.
  await expect(page.getByTestId('view-all')).toContainText(fr.get('view.all') ?? '');

  await new Settings(page).switchTo('de');

  // A sample of German strings in every part of the screen.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(deText('app.title'));
  await expect(page.getByTestId('open-settings')).toHaveText(deText('header.settings'));
  await expect(page.getByTestId('view-all')).toContainText(deText('view.all'));
  await expect(page.getByTestId('view-chat-termination')).toContainText(deText('view.chat-termination'));
  await expect(page.getByTestId('sidebar')).toContainText(deText('sidebar.categories'));
  await expect(queue.search).toHaveAttribute('placeholder', deText('queue.searchPlaceholder'));
  await expect(queue.sort.locator('option[value="updated"]')).toHaveText(deText('sort.updated'));
  await expect(page.getByTestId('status-filter')).toContainText(deText('status.pending'));
  await expect(statusBar.connection).toContainText(deText('statusBar.connection.online'));
  await expect(statusBar.pending).toContainText(deText('statusBar.pending_other', { count: 0 }));
  await expect(statusBar.lastSync).toContainText(deText('statusBar.lastSync'));
  await expect(ticketPane.actionButton('recategorise')).toContainText(deText('action.recategorise'));
  await expect(page.getByTestId('ticket-close')).toContainText(deText('ticket.close'));
  const status = await ticketPane.status.getAttribute('data-status');
  await expect(ticketPane.status).toHaveText(deText(`status.${status ?? ''}`));
  await expect(page.getByTestId('requester')).toContainText(deText('ticket.requester'));

  // Nothing French is left: text and the labels a screen reader or a tooltip shows.
  const screen = await screenText(page);
  expect(screen.length).toBeGreaterThan(500);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const leftovers = frenchFragments().filter((f) => new RegExp(`(?<!\\p{L})${escape(f)}(?!\\p{L})`, 'u').test(screen));
  expect(leftovers).toEqual([]);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  expect(consoleErrors).toEqual([]);
});
