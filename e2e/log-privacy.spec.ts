/**
 * The log keeps personal data out. A whole console run in Chromium through
 * the harness — a refused then accepted sign-in, tickets opened, a recovery
 * request with its identity document verified, the callbacks desk, a failing
 * call that quotes a customer's address, the backend going away and back —
 * then every e-mail address and phone number the backend holds (accounts,
 * tickets, recovery requests, callbacks, agents) is looked for in the log
 * files and in the diagnostics archive: none is there, while the log holds
 * the run's entries.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { ensureHarnessAssets } from '../src/harness/build.js';
import { startHarness } from '../src/harness/server.js';
import { createConsoleServices } from '../src/main/services/index.js';
import { ENTITY_KINDS } from '../src/shared/entities.js';
import type { RecoveryRequest } from '../src/shared/entities.js';
import type { ConsoleApi } from '../src/shared/ipc.js';
import { AGENT_LOGIN, expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import { CallbacksPage, QueuePage, RecoveryPage, SignInPage, StatusBar } from './pages/index.js';
import { cardPng, fieldsFor, freeAccounts, portalToken, submitRecovery } from './pages/RecoveryIntake.js';

/** Every string under a key naming an e-mail address or a phone number, in every record the backend holds. */
function personalData(backend: BackendControl): { emails: Set<string>; phones: Set<string> } {
  const emails = new Set<string>();
  const phones = new Set<string>();
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (value.length < 5) return;
      if (/e-?mail/i.test(key)) emails.add(value);
      else if (/phone/i.test(key)) phones.add(value);
    } else if (Array.isArray(value)) for (const v of value) visit(v, key);
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  for (const kind of ENTITY_KINDS) for (const record of backend.records(kind)) visit(record, '');
  return { emails, phones };
}

test('a console run leaves a log without any e-mail address or phone number of the backend', async ({
  page,
  backend,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const userDataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-logs-'));
  // No login in the environment: the run starts on the sign-in screen.
  const services = await createConsoleServices({ userDataDir, env: { SUPPORT_CONSOLE_BACKEND_URL: backend.url } });
  const harness = await startHarness({ services, ...(await ensureHarnessAssets()), port: 0 });
  let logText = '';
  let archiveText = '';
  let logFiles: string[] = [];
  try {
    const admin = backend.current.admin;
    const [holder] = await freeAccounts(admin, 'individual', 1);
    if (holder === undefined) throw new Error('no free account');
    const submitted = await submitRecovery(backend.url, await portalToken(backend.url), fieldsFor(holder), {
      bytes: cardPng(),
      name: 'carte-identite.png',
      type: 'image/png',
    });
    expect(submitted.status).toBe(201);
    const request = submitted.request as RecoveryRequest;

    await page.goto(harness.url);
    const signIn = new SignInPage(page);
    await signIn.signIn(AGENT_LOGIN.login, 'not-the-password');
    await expect(signIn.error).toBeVisible();
    await signIn.signIn(AGENT_LOGIN.login, AGENT_LOGIN.password);

    // Tickets: the first few of the queue, opened one after the other.
    const queue = new QueuePage(page);
    await queue.waitForRows();
    for (let i = 0; i < 4; i++) {
      await queue.rows.nth(i).click();
      await expect(page.getByTestId('ticket-subject')).toBeVisible();
    }

    // The recovery request, its identity document shown.
    const desk = new RecoveryPage(page);
    await desk.open();
    await desk.select(request.id);
    expect(await desk.settledViewer()).toBe('shown');

    // The callbacks desk (phone numbers on screen).
    await new CallbacksPage(page).openDesk();

    // A failing call that quotes a customer's address: the failure is logged, the address is not.
    const quoted = holder.registeredEmails[0] ?? '';
    const failed = await page.evaluate(
      (id) => (globalThis as unknown as { api: ConsoleApi }).api['outbox:resolve'](id, 'keep-theirs'),
      quoted,
    );
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });

    // The backend goes away and comes back.
    const statusBar = new StatusBar(page);
    await backend.stop();
    await expect(statusBar.connection).toHaveAttribute('data-online', 'false', { timeout: 20_000 });
    await backend.start();
    await expect(statusBar.connection).toHaveAttribute('data-online', 'true', { timeout: 30_000 });

    const exported = await page.evaluate(() =>
      (globalThis as unknown as { api: ConsoleApi }).api['shell:exportDiagnostics'](),
    );
    if (!exported.ok || !exported.value.saved) throw new Error(`no archive: ${JSON.stringify(exported)}`);
    const entries = unzipSync(new Uint8Array(readFileSync(exported.value.path)));
    expect(Object.keys(entries)).toContain('logs/console.log');
    archiveText = Object.values(entries)
      .map((e) => strFromU8(e))
      .join('\n');
    expect(consoleErrors).toEqual([]);
  } finally {
    await harness.close();
    await services.stop();
    logFiles = readdirSync(join(userDataDir, 'logs')).map((f) => join(userDataDir, 'logs', f));
    logText = logFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
    rmSync(userDataDir, { recursive: true, force: true });
  }

  // The log is the run's: its milestones are there.
  const messages = logText
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { msg: string }).msg);
  expect(messages).toEqual(
    expect.arrayContaining([
      'services started',
      'sign-in refused',
      'signed in',
      'outbox:resolve failed',
      'sync: offline',
      'sync: online',
      'diagnostics archive written',
      'services stopped',
    ]),
  );
  expect(logText).toContain('No outbox entry [email]');

  const { emails, phones } = personalData(backend);
  expect(emails.size).toBeGreaterThan(100);
  expect(phones.size).toBeGreaterThan(10);
  const found = [...emails, ...phones].filter((needle) => logText.includes(needle) || archiveText.includes(needle));
  expect(found).toEqual([]);
});
