/**
 * The harness runs the app as Electron would: `window.api` is the one the
 * built preload exposed through the contextBridge (frozen, not replaceable),
 * the page is served with Electron's CSP (plus report-uri only), and a CSP
 * violation, the page's or a worker's, reaches the test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/harness/build.js';
import { CONTENT_SECURITY_POLICY } from '../src/main/shell/csp.js';
import { CSP_REPORT_PATH } from '../src/harness/csp.js';
import { INVOKE_CHANNELS } from '../src/shared/ipc.js';
import { expect, test } from './fixtures.js';

test("window.api is the built preload's, frozen and not replaceable", async ({ consolePage: page, consoleErrors }) => {
  await expect(page.getByTestId('app')).toBeVisible();
  const api = await page.evaluate(() => {
    const w = globalThis as unknown as Record<string, unknown>;
    const descriptor = Object.getOwnPropertyDescriptor(w, 'api');
    const before = w.api;
    w.api = {};
    const replaced = w.api !== before;
    const deleted = delete w.api;
    return {
      // The source text of what the page calls: it must come from the built preload's file.
      callSource: String((before as Record<string, unknown>)['queue:counts']),
      keys: Object.keys(before as object).sort(),
      frozen: Object.isFrozen(before),
      writable: descriptor?.writable,
      configurable: descriptor?.configurable,
      replaced,
      deleted,
    };
  });
  const { callSource, ...shape } = api;
  expect(callSource).toContain('ipcRenderer.invoke(channel');
  expect(readFileSync(join(PROJECT_ROOT, 'out/preload/index.cjs'), 'utf8')).toContain(callSource);
  expect(shape).toEqual({
    keys: [...INVOKE_CHANNELS, 'on'].sort(),
    frozen: true,
    writable: false,
    configurable: false,
    replaced: false,
    deleted: false,
  });
  expect(consoleErrors).toEqual([]);
});

test("the page carries Electron's CSP, and violations in the page and in workers reach the test", async ({
  page,
  consoleWorld,
  cspViolations,
}) => {
  // A worker of the page's origin that tries eval (forbidden) once it runs.
  await page.route('**/__e2e/eval-worker.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      headers: { 'content-security-policy': `${CONTENT_SECURITY_POLICY}; report-uri ${CSP_REPORT_PATH}` },
      body: "try { new Function('return 1'); } catch { postMessage('refused'); }",
    }),
  );
  const response = await page.goto(consoleWorld.harness.url);
  expect(response?.headers()['content-security-policy']).toBe(
    `${CONTENT_SECURITY_POLICY}; report-uri ${CSP_REPORT_PATH}`,
  );
  await expect(page.getByTestId('app')).toBeVisible();
  expect(cspViolations).toEqual([]);

  const outcome = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const w = globalThis as unknown as {
          Worker: new (url: string) => { onmessage: ((e: { data: string }) => void) | null };
        };
        new w.Worker('/__e2e/eval-worker.js').onmessage = (e) => {
          resolve(e.data);
        };
      }),
  );
  expect(outcome).toBe('refused');
  // The worker's violation is invisible to the page's listener: the browser reports it to the harness.
  await expect
    .poll(() => consoleWorld.harness.cspViolations.map((v) => `${v.directive} ${v.blockedUri} ${v.documentUri}`))
    .toEqual([`script-src eval ${consoleWorld.harness.origin}/__e2e/eval-worker.js`]);

  // An image from elsewhere: the page's listener sees it at once.
  await page.evaluate(() => {
    const d = (globalThis as unknown as { document: { body: { insertAdjacentHTML(p: string, h: string): void } } })
      .document;
    d.body.insertAdjacentHTML('beforeend', '<img src="http://192.0.2.1/tracker.png" alt="">');
  });
  await expect.poll(() => cspViolations.join('\n')).toContain('img-src blocked http://192.0.2.1/tracker.png');

  // Provoked on purpose: empty both, or the fixture's teardown fails the test (which is what it is for).
  cspViolations.length = 0;
  consoleWorld.harness.cspViolations.length = 0;
});
