/**
 * An axe-core scan of the queue and of the open ticket finds no serious or
 * critical violation (WCAG 2.1 A/AA rules and axe's best practices), in the
 * light and in the dark theme (the default theme follows the system's colour
 * scheme, which the test sets), with the settings screen open too.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { QueuePage, Settings, TicketPage } from './pages/index.js';

/** Serious and critical violations, each as "rule: selectors", so a failure says where. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.passes.length).toBeGreaterThan(0); // the scan really ran on the console
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the queue, the ticket view and the settings have no serious or critical accessibility violation (${theme} theme)`, async ({
    consolePage: page,
    consoleErrors,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const queue = new QueuePage(page);
    const ticketPane = new TicketPage(page);
    await queue.waitForRows();
    await expect(page.getByTestId('ticket-empty')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const firstId = (await queue.visibleTicketIds())[0];
    if (firstId === undefined) throw new Error('no row');
    await queue.row(firstId).click();
    await expect(ticketPane.root).toBeVisible();
    await expect(ticketPane.messages.first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const settings = new Settings(page);
    await settings.open();
    await expect(settings.option('theme-system')).toBeChecked();
    await settings.backendUrl.fill('not an address');
    await settings.backendSave.click();
    await expect(settings.backendUrl).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}
