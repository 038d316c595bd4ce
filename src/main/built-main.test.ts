/**
 * The BUILT main process (out/main/index.js, untransformed, as a packaged app
 * runs it) started for real in a Node child, with only `electron` swapped for
 * the recording fake (shell/testing/built-main.ts): what unit tests of the
 * sources cannot see — the bundle's own paths (preload, renderer, worker
 * entries), its imports resolving at run time, the start order, the workers
 * it spawns, and a quit that closes the cache. vitest's globalSetup builds
 * out/ first when it is missing or stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../server/index.js';
import type { ReferenceBackend } from '../server/index.js';
import { INVOKE_CHANNELS } from '../shared/ipc.js';
import { openCache } from './db/index.js';
import { tempDir } from './db/test-fixtures.js';
import { createSafeStorageVault } from './shell/credentials.js';
import { SECURITY_HEADERS } from './shell/csp.js';
import { APP_ENTRY_URL } from './shell/protocol.js';
import type { FetchAnswer, Recorded } from './shell/testing/built-main-driver.js';
import {
  BUILT_MAIN,
  BUILT_PRELOAD,
  BUILT_RENDERER,
  readModuleLog,
  startBuiltMain,
} from './shell/testing/built-main.js';
import type { BuiltMain } from './shell/testing/built-main.js';
import { safeStorage } from './shell/testing/fake-electron.js';

type Envelope = { ok: true; value: unknown } | { ok: false; error: { code: string } };
interface QueueCounts {
  categories: { new: number; open: number; pending: number }[];
}

const builtUrl = (name: string): string => pathToFileURL(join(BUILT_MAIN, '..', name)).href;
const invoke = (main: BuiltMain, channel: string, senderUrl = APP_ENTRY_URL, args: unknown[] = []) =>
  main.request<Envelope>({ cmd: 'invoke', channel, args, senderUrl });

/** Polls `read` until `done` holds (the sync runs in the child's worker threads, on their own clock). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last value: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ticketsCounted = (answer: Envelope): number =>
  answer.ok ? (answer.value as QueueCounts).categories.reduce((n, c) => n + c.new + c.open + c.pending, 0) : 0;

describe('the built main process, embedded backend', () => {
  const userDataDir = tempDir('built-main');
  const moduleLog = join(userDataDir, 'modules.log');
  let main: BuiltMain;
  let beforeReady: Recorded;

  beforeAll(async () => {
    main = startBuiltMain({ userDataDir, holdReady: true, moduleLog });
    // What the bundle did at import, before Electron is ready.
    await main.imported;
    beforeReady = await main.request<Recorded>({ cmd: 'recorded' });
    await main.request({ cmd: 'ready' });
    await main.window;
  });
  afterAll(async () => {
    await main.kill();
  });

  it('registers the app scheme as privileged and starts the crash reporter before ready, and serves the scheme only after', async () => {
    // Electron accepts both only before 'ready': after it, the scheme has no privileges and early crashes are lost.
    expect(beforeReady.calls).toEqual(['registerSchemesAsPrivileged', 'crashReporter.start', 'whenReady']);
    expect(beforeReady.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(beforeReady.protocolSchemes).toEqual([]);
    expect(beforeReady.sandboxEnabled).toBe(true);
    const after = await main.request<Recorded>({ cmd: 'recorded' });
    expect(after.calls.indexOf('protocol.handle')).toBeGreaterThan(after.calls.indexOf('ready'));
  });

  it('opens the window with the built preload, on the app entry page', async () => {
    const { windows } = await main.request<Recorded>({ cmd: 'recorded' });
    expect(windows).toHaveLength(1);
    expect(windows[0]?.options.webPreferences).toMatchObject({ preload: BUILT_PRELOAD, sandbox: true });
    expect(existsSync(BUILT_PRELOAD)).toBe(true);
    expect(windows[0]?.loadedUrl).toBe(APP_ENTRY_URL);
  });

  it('serves the built index.html through the registered handler, with the CSP', async () => {
    const answer = await main.request<FetchAnswer>({ cmd: 'fetch', url: 'app://console/index.html' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    expect(answer.body).toBe(readFileSync(join(BUILT_RENDERER, 'index.html'), 'utf8'));
    const outside = await main.request<FetchAnswer>({ cmd: 'fetch', url: 'app://console/../main/index.js' });
    expect(outside.status).toBe(404);
  });

  it('handles every contract channel, for the app page only', async () => {
    const { ipcChannels } = await main.request<Recorded>({ cmd: 'recorded' });
    expect([...ipcChannels].sort()).toEqual([...INVOKE_CHANNELS].sort());
    await expect(invoke(main, 'sync:status', 'https://example.com/')).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });

  it('lists in the menu only the desks of the roles the window was told, after session:get', async () => {
    const desks = (commands: string[]) => commands.filter((c) => c.startsWith('desk:'));
    // Whether the menu already lists desks before this test depends on when the earlier tests' session:get
    // calls ran against lea's sign-in (a handler for every channel is invoked above): not asserted here.
    await expect(invoke(main, 'session:get')).resolves.toMatchObject({ ok: true });
    // The embedded demo login is lea, who has the three roles. On a loaded machine her sign-in to the embedded
    // backend can finish after the first session:get (no roles yet, no desks): the window asks again, as it does.
    const recorded = await until(
      async () => {
        await invoke(main, 'session:get');
        return main.request<Recorded>({ cmd: 'recorded' });
      },
      (r) => desks(r.menuCommands).length > 0,
      45_000,
    );
    expect(desks(recorded.menuCommands)).toEqual(['desk:triage', 'desk:recovery', 'desk:callbacks']);
  });

  it('syncs the embedded backend in the sync worker started from the built file', async () => {
    const counts = await until(
      () => invoke(main, 'queue:counts'),
      (answer) => ticketsCounted(answer) > 0,
      45_000,
    );
    expect(ticketsCounted(counts)).toBeGreaterThan(0);
    const entries = readModuleLog(moduleLog).filter((l) => l.kind === 'entry' && l.thread !== 0);
    expect(entries.map((l) => l.url)).toContain(builtUrl('sync-worker.js'));
  });

  it('quits once the cache is closed cleanly, and the process ends', async () => {
    await main.request({ cmd: 'quit' });
    expect(await main.exited).toBe(0);
    // The next start finds the clean-shutdown marker: no health check. The cache opens with the key the app
    // kept in its vault (credentials.bin, through the fake's safeStorage), as the app's next start would.
    const vault = await createSafeStorageVault(safeStorage, userDataDir, 'linux');
    const cache = openCache(join(userDataDir, 'cache.sqlite'), { owner: true, key: await vault.cacheKey() });
    try {
      expect(cache.health).toMatchObject({ rebuilt: false, uncleanShutdown: false });
    } finally {
      cache.close();
    }
  });
});

describe('the built main process, remote backend', () => {
  // Enough records that a bootstrap reads ahead in the feed-reader thread (engine.ts: 50,000 to come).
  const TICKETS = 32_000;
  const userDataDir = tempDir('built-main-remote');
  const moduleLog = join(userDataDir, 'modules.log');
  let backend: ReferenceBackend;
  let main: BuiltMain;

  beforeAll(async () => {
    backend = await startReferenceBackend({
      dbPath: join(userDataDir, 'backend.sqlite'),
      host: '127.0.0.1',
      port: 0,
      seed: { seed: 1, tickets: TICKETS },
      demo: true,
    });
    main = startBuiltMain({
      userDataDir,
      moduleLog,
      env: { SUPPORT_CONSOLE_BACKEND_URL: backend.url, SUPPORT_CONSOLE_LOGIN: 'lea', SUPPORT_CONSOLE_PASSWORD: 'demo' },
    });
    await main.window;
  });
  afterAll(async () => {
    await main.kill();
    await backend.close();
  });

  it('reads a large bootstrap ahead in the feed-reader worker started from the built file', async () => {
    await until(
      () => Promise.resolve(readModuleLog(moduleLog)),
      (lines) => lines.some((l) => l.kind === 'entry' && l.url === builtUrl('feed-reader-worker.js')),
      45_000,
    );
    const counts = await until(
      () => invoke(main, 'queue:counts'),
      (answer) => ticketsCounted(answer) > 0,
      45_000,
    );
    expect(ticketsCounted(counts)).toBeGreaterThan(0);
  });

  it('does not load the embedded backend when a backend is configured', () => {
    const packages = new Set(readModuleLog(moduleLog).map((l) => l.specifier));
    expect(packages).toContain('better-sqlite3-multiple-ciphers');
    for (const serverOnly of ['fastify', '@fastify/multipart', '@faker-js/faker', 'pngjs', 'jpeg-js'])
      expect(packages).not.toContain(serverOnly);
  });

  it('quits with the sync in flight and exits', async () => {
    await main.request({ cmd: 'quit' });
    expect(await main.exited).toBe(0);
  });
});
