/**
 * Playwright fixtures: every test gets its own world — a reference backend
 * (temp database, small seed, test endpoints) on 127.0.0.1, the console's
 * main-process services over a temp userData folder, and a harness on port 0
 * — and the page opened on it with the token. Nothing is shared between
 * tests, so they never depend on order.
 *
 * `backend` acts "as someone else" (another agent, the backoffice) and can be
 * stopped and started again on the same port and database (offline tests).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { ensureHarnessAssets } from '../src/harness/build.js';
import { describeViolation } from '../src/harness/csp.js';
import { startHarness } from '../src/harness/server.js';
import type { Harness } from '../src/harness/server.js';
import { createConsoleServices } from '../src/main/services/index.js';
import type { ConsoleServices } from '../src/main/services/index.js';
import type { WorkerEngineSettings } from '../src/main/sync/worker-protocol.js';
import { startReferenceBackend } from '../src/server/index.js';
import type { BackendAdmin, ReferenceBackend } from '../src/server/index.js';
import { Ticket, TicketMessage } from '../src/shared/entities.js';
import type { EntityKind } from '../src/shared/entities.js';

/** The demo agent every test signs in as (all roles). */
export const AGENT_LOGIN = { login: 'lea', password: 'demo' } as const;

/** The environment of a console that talks to the test's backend as the demo agent. */
export function consoleEnv(backendUrl: string): Record<string, string> {
  return {
    SUPPORT_CONSOLE_BACKEND_URL: backendUrl,
    SUPPORT_CONSOLE_LOGIN: AGENT_LOGIN.login,
    SUPPORT_CONSOLE_PASSWORD: AGENT_LOGIN.password,
  };
}

export interface BackendControl {
  readonly url: string;
  /** The running backend (admin, checksums, faults); throws while stopped. */
  readonly current: ReferenceBackend;
  /** Changes a ticket as another person would (version bump + push). */
  updateTicket(id: string, patch: Partial<Ticket>): Promise<Ticket>;
  getTicket(id: string): Promise<Ticket | undefined>;
  /**
   * Every ticket, read from the backend's database file (read-only; works while
   * the backend is stopped too): for picking test subjects by their content.
   */
  tickets(): Ticket[];
  /** The messages (replies, notes) the backend stores for a ticket, oldest first. */
  messagesOf(ticketId: string): TicketMessage[];
  /** Every record of a kind as the backend stores it (JSON), read from its database file. */
  records(kind: EntityKind): unknown[];
  /** Stops the backend: the console goes offline and keeps working from its cache. */
  stop(): Promise<void>;
  /** Starts it again on the same port and database. */
  start(): Promise<void>;
  /**
   * While stopped: another agent changes the database through a backend on
   * another port, which the console does not know, so nothing the console
   * queued can reach it first (a conflict made deterministic).
   */
  changeWhileStopped<T>(change: (admin: BackendAdmin) => T | Promise<T>): Promise<T>;
  readonly running: boolean;
}

export interface ConsoleWorld {
  harness: Harness;
  services: ConsoleServices;
  userDataDir: string;
}

/** How the page reports a CSP violation on its console (the init script below), so the fixture can tell them apart. */
const VIOLATION_PREFIX = '[csp-violation]';

/**
 * Runs in the page before any of its scripts (the preload included): every
 * violation of the page's CSP becomes a console error the fixture collects.
 */
function reportViolations(prefix: string): void {
  // The e2e tsconfig has no DOM types: the shape of what is used, spelled out.
  interface Violation {
    effectiveDirective: string;
    blockedURI: string;
    documentURI: string;
    sourceFile: string;
    lineNumber: number;
  }
  const w = globalThis as unknown as {
    addEventListener(type: string, listener: (e: Violation) => void, capture: boolean): void;
  };
  w.addEventListener(
    'securitypolicyviolation',
    (e) => {
      const where = e.sourceFile ? ` at ${e.sourceFile}:${String(e.lineNumber)}` : '';
      console.error(
        `${prefix} ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.documentURI}${where}`,
      );
    },
    true,
  );
}

interface Fixtures {
  /**
   * Every CSP violation of the test (automatic: a test with one fails in the
   * fixture's teardown): those the page saw (`securitypolicyviolation`), and
   * those the browser reported to the harness, the page's and its workers'
   * (the pdf.js worker's). A test that provokes one on purpose empties it.
   */
  cspViolations: string[];
  /**
   * Errors the page logged (console errors and uncaught exceptions) from before
   * its first load on: a test ends with `expect(consoleErrors).toEqual([])`.
   */
  consoleErrors: string[];
  /**
   * Where `docScreenshot` writes the documentation's pictures: null (the
   * default) is the test's own output folder, so `npm test` takes every
   * screenshot but leaves the tracked ones alone; `npm run screenshots`
   * (playwright.screenshots.config.ts) sets it to docs/screenshots/.
   */
  docScreenshotsDir: string | null;
  /** A screenshot of the page for the documentation, under the given file name (e.g. `queue.png`). */
  docScreenshot: (name: string) => Promise<void>;
  /** Tickets seeded in the test's backend; override with test.use({ seedTickets: n }). */
  seedTickets: number;
  /** The sync worker's settings (timeouts, pull period); override with test.use({ workerSettings }). */
  workerSettings: WorkerEngineSettings;
  /** Files written into the console's userData folder before it starts (a damaged cache, say): name → bytes. */
  userDataFiles: Record<string, Buffer>;
  backend: BackendControl;
  consoleWorld: ConsoleWorld;
  /** The page, opened on the harness with its token. */
  consolePage: Page;
}

async function startControlledBackend(dir: string, tickets: number): Promise<BackendControl> {
  const dbPath = join(dir, 'backend.sqlite');
  const options = {
    dbPath,
    seed: { seed: 11, tickets },
    demo: true,
    testEndpoints: true,
    heartbeatMs: 1_000,
    pushDebounceMs: 10,
  };
  let current: ReferenceBackend | null = await startReferenceBackend({ ...options, port: 0 });
  const url = current.url;
  const port = Number(new URL(url).port);
  /** A fresh read-only handle each time: the backend may have been restarted (same file, new process state). */
  const read = <T>(query: (db: Database.Database) => T): T => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return query(db);
    } finally {
      db.close();
    }
  };
  const live = (): ReferenceBackend => {
    if (current === null) throw new Error('the backend is stopped');
    return current;
  };
  return {
    url,
    get current() {
      return live();
    },
    get running() {
      return current !== null;
    },
    updateTicket: (id, patch) => live().admin.updateTicket(id, patch),
    getTicket: (id) => live().admin.get('ticket', id),
    tickets: () =>
      read((db) =>
        db
          .prepare<[], { data: string }>('SELECT data FROM rec_ticket ORDER BY rid')
          .all()
          .map((r) => Ticket.parse(JSON.parse(r.data))),
      ),
    messagesOf: (ticketId) =>
      read((db) =>
        db
          .prepare<[string], { data: string }>('SELECT data FROM rec_message WHERE ticket_id = ? ORDER BY rid')
          .all(ticketId)
          .map((r) => TicketMessage.parse(JSON.parse(r.data))),
      ),
    records: (kind) =>
      read((db) =>
        db
          .prepare<[], { data: string }>(`SELECT data FROM rec_${kind} ORDER BY rid`)
          .all()
          .map((r) => JSON.parse(r.data) as unknown),
      ),
    async stop() {
      const b = current;
      current = null;
      await b?.close();
    },
    async start() {
      if (current !== null) return;
      current = await startReferenceBackend({ ...options, port });
    },
    async changeWhileStopped(change) {
      if (current !== null) throw new Error('changeWhileStopped: stop the backend first');
      const elsewhere = await startReferenceBackend({ ...options, port: 0 });
      try {
        return await change(elsewhere.admin);
      } finally {
        await elsewhere.close();
      }
    },
  };
}

export const test = base.extend<Fixtures>({
  seedTickets: [400, { option: true }],
  // Offline tests need the console to notice a backend that came back within seconds.
  workerSettings: [{ safetyPullMs: 2_000 }, { option: true }],
  userDataFiles: [{}, { option: true }],
  docScreenshotsDir: [null, { option: true }],

  docScreenshot: async ({ page, docScreenshotsDir }, use, testInfo) => {
    await use(async (name) => {
      await page.screenshot({
        path: docScreenshotsDir === null ? testInfo.outputPath(name) : join(docScreenshotsDir, name),
      });
    });
  },

  backend: async ({ seedTickets }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-e2e-backend-'));
    const control = await startControlledBackend(dir, seedTickets);
    try {
      await use(control);
    } finally {
      await control.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },

  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.addInitScript(reportViolations, VIOLATION_PREFIX);
      page.on('console', (m) => {
        if (m.type() === 'error' && m.text().startsWith(VIOLATION_PREFIX)) violations.push(m.text());
      });
      await use(violations);
      expect(violations, "CSP violations (the page CSP is the app protocol's)").toEqual([]);
    },
    { auto: true },
  ],

  // Depends on cspViolations to hand it what the harness was told before it closes (workers' violations too).
  consoleWorld: async ({ backend, cspViolations, workerSettings, userDataFiles }, use) => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-userdata-'));
    for (const [name, bytes] of Object.entries(userDataFiles))
      writeFileSync(join(userDataDir, name), bytes, { mode: 0o600 });
    const assets = await ensureHarnessAssets();
    const services = await createConsoleServices({
      userDataDir,
      env: consoleEnv(backend.url),
      workerSettings,
    });
    const harness = await startHarness({ services, ...assets, port: 0 });
    try {
      await use({ harness, services, userDataDir });
      cspViolations.push(...harness.cspViolations.map((v) => `[reported to the harness] ${describeViolation(v)}`));
    } finally {
      await harness.close();
      await services.stop();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },

  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await use(errors);
  },

  // Depends on consoleErrors so the listeners are attached before the first load (CSP errors come with it).
  consolePage: async ({ page, consoleWorld, consoleErrors: _errors }, use) => {
    await page.goto(consoleWorld.harness.url);
    await use(page);
  },
});

export { expect };
