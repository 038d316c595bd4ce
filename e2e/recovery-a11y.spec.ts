/**
 * An axe-core scan of the recovery desk (queue, verification screen with a
 * document shown and the rejection form open, audit log) finds no serious or
 * critical violation (WCAG 2.1 A/AA rules and axe's best practices), in the
 * light and in the dark theme.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { RecoveryPage } from './pages/index.js';
import { cardPng, portalToken, strangerFields, submitRecovery } from './pages/RecoveryIntake.js';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.passes.length).toBeGreaterThan(0);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the recovery desk has no serious or critical accessibility violation (${theme} theme)`, async ({
    consolePage: page,
    backend,
    consoleErrors,
  }) => {
    const portal = await portalToken(backend.url);
    const { request } = await submitRecovery(backend.url, portal, strangerFields(7), {
      bytes: cardPng(),
      name: 'id.png',
      type: 'image/png',
    });
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const desk = new RecoveryPage(page);
    await desk.open();
    await desk.select(request?.id ?? '');
    expect(await desk.settledViewer()).toBe('shown');
    expect(await seriousViolations(page)).toEqual([]);

    await desk.reject.click();
    await expect(desk.message).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await desk.auditTab.click();
    await expect(desk.auditRows.first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}
