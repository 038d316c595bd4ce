/** The console loads through the harness, syncs from its backend, and shows the status and the categories. */
import type { ConsoleApi } from '../src/shared/ipc.js';
import { expect, test } from './fixtures.js';
import { QueuePage } from './pages/index.js';

test('the console loads through the harness and shows the sync status and categories', async ({
  consolePage: page,
  consoleWorld,
  consoleErrors,
}) => {
  await expect(page.getByTestId('app')).toBeVisible();
  // The token left the address bar once the harness script read it.
  expect(page.url()).not.toContain('token=');
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await expect(page.getByTestId('status-connection')).toHaveAttribute('data-online', 'true');

  const categories = page.getByTestId('sidebar').locator('[data-testid^="category-"]');
  // Once synced, the sidebar lists every category with open work, as the services count it.
  await expect(page.getByTestId('status-last-sync')).not.toContainText(/jamais|never/i);
  const counts = await consoleWorld.services.handlers['queue:counts']();
  expect(counts.categories.length).toBeGreaterThanOrEqual(5);
  await expect(categories).toHaveCount(counts.categories.length);
  const first = counts.categories[0];
  if (first === undefined) throw new Error('no category');
  await expect(page.getByTestId(`category-${first.categoryId}`)).toContainText(first.name);
  // A name cut short by wide counts shows whole on hover.
  await expect(page.getByTestId(`category-${first.categoryId}`).locator('.sidebar-name')).toHaveAttribute(
    'title',
    first.name,
  );
  // The page's window.api reaches the services through the bridge (the same contract as the preload).
  const answer = await page.evaluate(() =>
    (globalThis as unknown as { api: ConsoleApi }).api['queue:window']({
      view: 'all',
      categoryId: null,
      statuses: ['new', 'open', 'pending'],
      sort: 'updated',
      search: '',
      offset: 0,
      limit: 10,
    }),
  );
  expect(answer.ok && answer.value.rows.length).toBe(10);

  // The list itself shows the synced tickets (a first start begins with an empty cache: the list must
  // ask again once the sync filled it, not stay at "0 tickets").
  const queue = new QueuePage(page);
  const total = answer.ok ? answer.value.total : 0;
  expect(total).toBeGreaterThan(10);
  await expect(queue.rows.first()).toBeVisible();
  await expect(queue.total).toContainText(String(total));
  const firstRow = answer.ok ? answer.value.rows[0] : undefined;
  if (firstRow === undefined) throw new Error('no row');
  await expect(queue.rows.first()).toHaveAttribute('data-ticket-id', firstRow.id);
  await expect(queue.empty).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
