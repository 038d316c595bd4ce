/**
 * A queue taller than a browser draws (160,000 rows × 52 px = 8.3M px, over
 * the list's 8M px scroll area): the list pages through it
 * (scroll-paging.ts). The wheel moves the rows by exactly its distance, page
 * switches included; the thumb taken to the end shows the last row; the
 * wheel scrolls up from there.
 */
import type { Page } from '@playwright/test';
import { TICKET_STATUSES } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import { QueuePage } from './pages/index.js';

const TICKETS = 160_000;
const ROW_HEIGHT = 52;
const WHEEL_PX = 2000;

test.use({ seedTickets: TICKETS });

/**
 * The list's virtual scroll offset, read from the screen: the top row's place in the queue and how far it is
 * cut. Null for a frame whose rows are not rendered yet (a wheel step longer than the rows drawn around the view).
 */
function scrollOffset(page: Page): Promise<number | null> {
  return page.evaluate<number | null>(`(() => {
    const list = document.querySelector('[data-testid="queue-list"]');
    const top = list.getBoundingClientRect().top;
    const row = [...list.querySelectorAll('[role="option"]')].find((r) => r.getBoundingClientRect().bottom > top + 1);
    if (row === undefined) return null;
    return (Number(row.getAttribute('aria-posinset')) - 1) * ${ROW_HEIGHT} + (top - row.getBoundingClientRect().top);
  })()`);
}

test('a queue of 160,000 rows scrolls at the wheel’s speed, and its thumb reaches the last row', async ({
  consolePage: page,
  consoleErrors,
}) => {
  // Seeding and syncing 160,000 tickets takes most of this.
  test.setTimeout(300_000);
  const queue = new QueuePage(page);
  for (const status of TICKET_STATUSES) {
    const box = page.getByTestId(`status-filter-${status}`);
    if (!(await box.isChecked())) await box.check();
  }
  // The whole cache is in the list once the first sync is through.
  await expect(queue.list.locator('[role="option"]').first()).toHaveAttribute('aria-setsize', String(TICKETS), {
    timeout: 240_000,
  });
  const bounds = await queue.list.boundingBox();
  if (bounds === null) throw new Error('queue list not visible');
  await page.mouse.move(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);

  // 45 steps of 2,000 px pass the first page switch (~80,000 px): every step moves the rows by 2,000 px.
  // A list scaled to the scroll area instead moves them 1.04 times as far (2,080 px), and at 1M 6.5 times.
  expect(await scrollOffset(page)).toBe(0);
  for (let step = 1; step <= 45; step++) {
    await page.mouse.wheel(0, WHEEL_PX);
    await expect.poll(() => scrollOffset(page)).toBe(step * WHEEL_PX);
  }
  await expect(queue.list.getByTestId('queue-row').first()).toBeVisible();

  // The thumb dragged to the bottom: the last ticket's row ends at the list's bottom edge.
  await page.evaluate(`(() => {
    const list = document.querySelector('[data-testid="queue-list"]');
    list.scrollTop = list.scrollHeight;
  })()`);
  const lastRow = queue.list.locator(`[role="option"][aria-posinset="${TICKETS}"]`);
  await expect(lastRow).toHaveAttribute('data-testid', 'queue-row');
  const listBox = await queue.list.boundingBox();
  const lastBox = await lastRow.boundingBox();
  if (listBox === null || lastBox === null) throw new Error('rows not visible');
  expect(Math.abs(lastBox.y + lastBox.height - (listBox.y + listBox.height))).toBeLessThanOrEqual(1);

  // And the wheel scrolls up from the end at the same speed.
  const end = (await scrollOffset(page)) ?? Number.NaN;
  for (let step = 1; step <= 5; step++) {
    await page.mouse.wheel(0, -WHEEL_PX);
    await expect.poll(() => scrollOffset(page)).toBe(end - step * WHEEL_PX);
  }
  expect(consoleErrors).toEqual([]);
});
