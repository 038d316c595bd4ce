/**
 * Sign-in for a remote backend, in the browser console: the console opens on
 * the sign-in screen when nobody signed in, refuses a wrong password, says
 * how long to wait once the backend's login limit is reached, and
 * shows the queues once the right one is given (the worker then syncs on the
 * token only). The screen passes an axe scan, light and dark.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { ensureHarnessAssets } from '../src/harness/build.js';
import { startHarness } from '../src/harness/server.js';
import { createConsoleServices } from '../src/main/services/index.js';
import { PATHS } from '../src/shared/sync-protocol.js';
import { AGENT_LOGIN, expect, test } from './fixtures.js';
import { QueuePage, SignInPage } from './pages/index.js';

test('a remote backend asks to sign in; a wrong password is refused, the right one opens the queues', async ({
  page,
  backend,
  consoleErrors,
}) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-session-'));
  // No SUPPORT_CONSOLE_LOGIN: nobody is signed in yet.
  const services = await createConsoleServices({ userDataDir, env: { SUPPORT_CONSOLE_BACKEND_URL: backend.url } });
  const harness = await startHarness({ services, ...(await ensureHarnessAssets()), port: 0 });
  try {
    await page.goto(harness.url);
    const signIn = new SignInPage(page);
    await expect(signIn.root).toBeVisible();
    await expect(page.getByTestId('sign-in-backend')).toContainText(backend.url);
    await expect(page.getByTestId('app')).toHaveCount(0);

    // In both themes (the default theme follows the system's colour scheme).
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    }

    await signIn.signIn(AGENT_LOGIN.login, 'not-the-password');
    await expect(signIn.error).toBeVisible();
    await expect(page.getByTestId('app')).toHaveCount(0);

    // Someone else guessed a login 5 times: the console's attempt gets the backend's limit, in French, at once.
    for (let i = 0; i < 5; i++) {
      const guess = await fetch(new URL(PATHS.login, backend.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'guesser', password: `guess-${String(i)}` }),
      });
      expect(guess.status).toBe(401);
    }
    await signIn.signIn('guesser', 'one-more-guess');
    await expect(signIn.error).toHaveText(/^Trop d’essais : réessayez dans ([1-9]|1[0-5]) min\.$/);

    await signIn.signIn(AGENT_LOGIN.login, AGENT_LOGIN.password);
    await expect(page.getByTestId('app')).toBeVisible();
    await new QueuePage(page).waitForRows();
    expect(consoleErrors).toEqual([]);
  } finally {
    await harness.close();
    await services.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
