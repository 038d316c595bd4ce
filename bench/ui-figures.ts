/**
 * The `ui.*` figures (the queue's responsiveness), measured in Debian's Chromium on the real
 * renderer: the browser harness (src/harness) runs as its own process over a
 * userData folder whose cache is already synced, as the Electron main
 * process would, so the page and the services do not share this process's
 * event loop. Timings come from User Timing marks the renderer sets
 * (src/renderer/src/lib/perf.ts) and from a few listeners this file adds to
 * the page; every figure has a bare limit measured in the same page.
 *
 * In-page code is passed to Playwright as strings: this file is compiled
 * against Node's types (tsconfig.node.json), not the DOM's.
 */
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.js';
import { TICKET_STATUSES } from '../src/shared/entities.js';
import { startHarnessProcess } from './harness-process.js';
import { emitLatency, log, percentile } from './stats.js';

export interface UiFiguresOptions {
  /** Tickets in the cache (reported as `tickets`). */
  n: number;
  /** The reference backend the cache was synced from (the harness's worker stays connected to it). */
  backendUrl: string;
  /** A folder holding `cache.sqlite`, synced and search-ready. */
  userDataDir: string;
  reloads?: number;
  actions?: number;
}

/** The renderer's marks (src/renderer/src/lib/perf.ts). Not imported: nothing outside the renderer imports it. */
const MARK = {
  rendererStart: 'sc:renderer-start',
  firstQueueRows: 'sc:first-queue-rows',
  rowUpdated: 'sc:row-updated',
} as const;

/** The first window the renderer asks for at startup (queue-slice defaults, page size 100). */
const FIRST_WINDOW = {
  view: 'all',
  categoryId: null,
  statuses: ['new', 'open', 'pending'],
  sort: 'updated',
  search: '',
  offset: 0,
  limit: 100,
};

export async function measureUiFigures(opts: UiFiguresOptions): Promise<void> {
  const harness = await startHarnessProcess(opts.backendUrl, opts.userDataDir);
  const browser = await chromium.launch({
    ...CHROMIUM_LAUNCH,
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 820 },
      locale: 'fr-CH',
      timezoneId: 'Europe/Zurich',
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      log(`page error: ${e.message}`);
    });
    await measureFirstQueue(page, harness.url, opts.n, opts.reloads ?? 10);
    await installProbes(page);
    await measureAction(page, opts.n, opts.actions ?? 60);
    await measureScroll(page, opts.n);
    await context.close();
  } finally {
    await browser.close();
    await harness.stop();
  }
}

// ---------------------------------------------------------------- ui.first-queue

interface LoadTimes {
  firstRows: number;
  rendererStart: number | null;
  fcp: number | null;
}

/** Navigation start (time origin 0) → the frame that first paints queue rows, over `reloads` reloads after a warm-up load. */
async function measureFirstQueue(page: Page, url: string, n: number, reloads: number): Promise<void> {
  log(`ui.first-queue: warm-up load, then ${reloads} reloads`);
  await page.goto(url);
  await waitFirstRows(page);
  await page.waitForTimeout(1500);
  const loads: LoadTimes[] = [];
  for (let i = 0; i < reloads; i++) {
    await page.reload();
    loads.push(await waitFirstRows(page));
    // Let the rest of startup (counts, the refresh after the event stream connects) settle before the next reload.
    await page.waitForTimeout(1500);
  }
  const windowTrip = await page.evaluate<number[]>(`(async () => {
    const q = ${JSON.stringify(FIRST_WINDOW)};
    const out = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const answer = await window.api['queue:window'](q);
      if (!answer.ok) throw new Error(answer.error.message);
      out.push(performance.now() - t);
    }
    return out;
  })()`);
  emitLatency('ui.queue-window.limit', windowTrip, { tickets: n });
  const samples = loads.map((l) => l.firstRows);
  const starts = loads.flatMap((l) => (l.rendererStart === null ? [] : [l.rendererStart]));
  const fcps = loads.flatMap((l) => (l.fcp === null ? [] : [l.fcp]));
  emitLatency('ui.first-queue', samples, {
    tickets: n,
    from: 'navigation start',
    // Where the time goes: the bundle loaded and evaluated (renderer start), the first paint of anything.
    rendererStartP50Ms: percentile(starts, 50),
    firstContentfulPaintP50Ms: percentile(fcps, 50),
    limitBench: 'ui.queue-window.limit',
    limitP95Ms: percentile(windowTrip, 95),
    goal: 'under 1 s (p95)',
    goalP95Ms: 1000,
  });
}

async function waitFirstRows(page: Page): Promise<LoadTimes> {
  return (await waitInPage(
    page,
    `(() => {
      const first = performance.getEntriesByName('${MARK.firstQueueRows}')[0];
      if (first === undefined) return null;
      const start = performance.getEntriesByName('${MARK.rendererStart}')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { firstRows: first.startTime, rendererStart: start ? start.startTime : null, fcp: fcp ? fcp.startTime : null };
    })()`,
    60_000,
  )) as LoadTimes;
}

/**
 * Resolves with the first truthy value of `condition`, polled inside the
 * page. Not page.waitForFunction: its string predicates are eval'd in the
 * page, which the app's CSP (no 'unsafe-eval') rightly refuses; a CDP
 * evaluate is not subject to it.
 */
async function waitInPage(page: Page, condition: string, timeoutMs: number): Promise<unknown> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const t0 = performance.now();
    const check = () => {
      const value = ${condition};
      if (value) resolve(value);
      else if (performance.now() - t0 > ${timeoutMs}) reject(new Error('timed out waiting for: ' + ${JSON.stringify(condition)}));
      else setTimeout(check, 5);
    };
    check();
  })`);
}

// ---------------------------------------------------------------- probes shared by ui.action and ui.scroll

/**
 * In the page: every mark (PerformanceObserver, so the renderer may clear its
 * own), the keydown of Enter and of `x` (unbound: the no-op limit) stamped
 * with the event's own time (when the browser created it, input queueing
 * included), a no-op rAF after `x`, and an on-demand rAF loop recording frame
 * deltas plus Long Animation Frame entries.
 */
async function installProbes(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    if (window.__scBench) return;
    const b = { marks: [], frames: [], loafs: [], loafScripts: [], loafSplits: [], recording: false, last: 0 };
    window.__scBench = b;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.marks.push({ name: e.name, t: e.startTime, detail: e.detail ?? null });
    }).observe({ type: 'mark' });
    window.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== 'x') return;
      b.marks.push({ name: 'bench:key', t: e.timeStamp, detail: e.key });
      if (e.key === 'x') requestAnimationFrame(() => b.marks.push({ name: 'bench:noop-frame', t: performance.now(), detail: null }));
    }, { capture: true });
    try {
      new PerformanceObserver((list) => {
        if (!b.recording) return;
        for (const e of list.getEntries()) {
          b.loafs.push(e.duration);
          let scriptMs = 0;
          for (const s of e.scripts ?? []) {
            b.loafScripts.push({ invoker: s.invoker, duration: s.duration });
            scriptMs += s.duration;
          }
          const end = e.startTime + e.duration;
          b.loafSplits.push({
            ms: Math.round(e.duration),
            scriptMs: Math.round(scriptMs),
            renderMs: e.renderStart > 0 ? Math.round(end - e.renderStart) : 0,
            styleLayoutMs: e.styleAndLayoutStart > 0 ? Math.round(end - e.styleAndLayoutStart) : 0,
          });
        }
      }).observe({ type: 'long-animation-frame' });
    } catch {
      // Older Chromium: frame deltas alone.
    }
    const tick = (t) => {
      if (!b.recording) return;
      if (b.last > 0) b.frames.push(t - b.last);
      b.last = t;
      requestAnimationFrame(tick);
    };
    b.startFrames = () => { b.frames = []; b.loafs = []; b.loafScripts = []; b.loafSplits = []; b.last = 0; b.recording = true; requestAnimationFrame(tick); };
    b.stopFrames = () => { b.recording = false; return { frames: b.frames, loafs: b.loafs, loafScripts: b.loafScripts, loafSplits: b.loafSplits }; };
  })()`);
}

interface ProbeMark {
  name: string;
  t: number;
  detail: unknown;
}

async function takeMarks(page: Page): Promise<ProbeMark[]> {
  return page.evaluate<ProbeMark[]>('window.__scBench.marks.splice(0)');
}

// ---------------------------------------------------------------- ui.action

const WARM_UP_ACTIONS = 3;

/** Between the highlighted pick being drawn and Enter: well under a person's reaction time (~200 ms). */
const PAUSE_BEFORE_ENTER_MS = 150;

/** c, pick another category, Enter: Enter's keydown → the frame painting that row with the new category. */
async function measureAction(page: Page, n: number, actions: number): Promise<void> {
  log(`ui.action: ${actions} recategorisations by keyboard, then ${actions} no-op keys`);
  const list = page.getByTestId('queue-list');
  await list.focus();
  const samples: number[] = [];
  /** Key → React committed the row: the renderer's own work, before waiting for the frame. */
  const toCommit: number[] = [];
  // The first actions after a page load run cold code (the JIT has not compiled the render and IPC paths yet):
  // WARM_UP_ACTIONS are done and not counted, as ui.first-queue does one load before its reloads.
  for (let i = 0; i < WARM_UP_ACTIONS + actions; i++) {
    // A different row each time (the acted row moves to the top of "updated" once main's refresh lands).
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    const ticketId = await selectedTicketId(page);
    await page.keyboard.press('c');
    const picker = page.getByTestId('category-picker');
    await picker.waitFor();
    // The picker lists every category and tags the row's current one; pick the first other one.
    const items = await page.evaluate<{ value: string; current: boolean }[]>(`[
      ...document.querySelectorAll('[data-testid="category-picker-item"]'),
    ].map((el) => ({ value: el.getAttribute('data-pick-value'), current: el.querySelector('.cmdk-hint') !== null }))`);
    const targetIndex = items[0]?.current === true ? 1 : 0;
    const target = items[targetIndex]?.value ?? '';
    if (targetIndex === 1) await page.keyboard.press('ArrowDown');
    await picker.locator(`[data-pick-value="${target}"][aria-selected="true"]`).waitFor();
    await takeMarks(page);
    // A person sees the highlight move before pressing Enter; without this pause Enter came a few ms after the
    // frame that drew the highlight, and Chromium draws at most one frame per 16.7 ms, so Enter's frame waited
    // for that one to age (the no-op limit below is measured from an idle page too).
    await page.waitForTimeout(PAUSE_BEFORE_ENTER_MS);
    await page.keyboard.press('Enter');
    await waitInPage(
      page,
      `window.__scBench.marks.some((m) => m.name === '${MARK.rowUpdated}' && m.detail && m.detail.id === ${JSON.stringify(ticketId)} && m.detail.categoryId === ${JSON.stringify(target)} && m.detail.pending === true)`,
      10_000,
    );
    const marks = await takeMarks(page);
    const key = marks.find((m) => m.name === 'bench:key' && m.detail === 'Enter');
    const painted = marks.find((m) => m.name === MARK.rowUpdated && isRowDetail(m.detail, ticketId, target));
    if (key === undefined || painted === undefined) throw new Error('ui.action: marks missing');
    const committedAt = (painted.detail as { committedAt?: unknown }).committedAt;
    if (i >= WARM_UP_ACTIONS) {
      samples.push(painted.t - key.t);
      if (typeof committedAt === 'number') toCommit.push(committedAt - key.t);
    }
    // Let main's write, the change event and the row refresh land before the next action, as between an agent's keys.
    await page.waitForTimeout(300);
  }

  const noop: number[] = [];
  for (let i = 0; i < actions; i++) {
    await takeMarks(page);
    await page.keyboard.press('x');
    await waitInPage(page, `window.__scBench.marks.some((m) => m.name === 'bench:noop-frame')`, 5_000);
    const marks = await takeMarks(page);
    const key = marks.find((m) => m.name === 'bench:key' && m.detail === 'x');
    const frame = marks.find((m) => m.name === 'bench:noop-frame');
    if (key === undefined || frame === undefined) throw new Error('ui.action limit: marks missing');
    noop.push(frame.t - key.t);
    await page.waitForTimeout(100);
  }
  emitLatency('ui.noop-frame.limit', noop, { tickets: n });
  emitLatency('ui.action', samples, {
    tickets: n,
    action: 'recategorise (c, pick, Enter) on the selected queue row',
    warmUpActions: WARM_UP_ACTIONS,
    maxMs: Math.max(...samples),
    keyToCommitP50Ms: percentile(toCommit, 50),
    keyToCommitP95Ms: percentile(toCommit, 95),
    limitBench: 'ui.noop-frame.limit',
    limitP95Ms: percentile(noop, 95),
    goal: 'p95 under 16 ms (one frame)',
    goalP95Ms: 16,
  });
}

function isRowDetail(detail: unknown, id: string, categoryId: string): boolean {
  if (typeof detail !== 'object' || detail === null) return false;
  const d = detail as Record<string, unknown>;
  return d.id === id && d.categoryId === categoryId && d.pending === true;
}

async function selectedTicketId(page: Page): Promise<string> {
  const id = await page.evaluate(`(() => {
    const list = document.querySelector('[data-testid="queue-list"]');
    const active = list && document.getElementById(list.getAttribute('aria-activedescendant') || '');
    return active ? active.getAttribute('data-ticket-id') : null;
  })()`);
  if (typeof id !== 'string') throw new Error('no selected row with a ticket id');
  return id;
}

// ---------------------------------------------------------------- ui.scroll

interface FrameRecord {
  frames: number[];
  loafs: number[];
  /** Scripts inside long animation frames: what ran (event listener, callback, promise resolution) and how long. */
  loafScripts: { invoker: string; duration: number }[];
  /**
   * Each long frame's time in the page's own work: scripts, and rendering (from renderStart: rAF callbacks,
   * style, layout, paint). A long frame with neither spent its time outside the page (a GC pause, another
   * process on the core).
   */
  loafSplits: { ms: number; scriptMs: number; renderMs: number; styleLayoutMs: number }[];
}

/** The invokers that spent the most time inside long frames: where to look first. */
function topInvokers(scripts: FrameRecord['loafScripts'], count = 5): { invoker: string; totalMs: number }[] {
  const totals = new Map<string, number>();
  for (const s of scripts) totals.set(s.invoker, (totals.get(s.invoker) ?? 0) + s.duration);
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([invoker, totalMs]) => ({ invoker, totalMs: Math.round(totalMs) }));
}

const VSYNC_JITTER_MS = 1;

/**
 * Every status ticked, so the list holds every cached ticket; then wheel
 * steps through thousands of rows, a jump to the middle, more wheel, a jump
 * to the end and back up, with a rAF loop recording each frame's length.
 * The limit: the same loop on the idle page for as long.
 */
async function measureScroll(page: Page, n: number): Promise<void> {
  for (const status of TICKET_STATUSES) {
    const box = page.getByTestId(`status-filter-${status}`);
    if (!(await box.isChecked())) await box.check();
  }
  await page.getByTestId('queue-row').first().waitFor();
  await page.waitForTimeout(1000);
  const list = page.getByTestId('queue-list');
  const bounds = await list.boundingBox();
  if (bounds === null) throw new Error('queue list not visible');
  await page.mouse.move(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
  const total = await listTotal(page);
  log(`ui.scroll: ${total} rows in the list; wheel, deep jumps, wheel`);

  const t0 = Date.now();
  await page.evaluate('window.__scBench.startFrames()');
  const wheel = async (steps: number, dy: number): Promise<void> => {
    for (let i = 0; i < steps; i++) {
      await page.mouse.wheel(0, dy);
      await page.waitForTimeout(16);
    }
  };
  await wheel(150, 2000);
  const middle = await jump(page, 0.5);
  await wheel(100, 2000);
  const end = await jump(page, 1);
  await wheel(50, -2000);
  const scrolling = await page.evaluate<FrameRecord>('window.__scBench.stopFrames()');
  const elapsedMs = Date.now() - t0;
  const rowsAfterWheel = await page.evaluate(`(() => {
    const rows = [...document.querySelectorAll('[data-testid="queue-list"] [role="option"]')];
    return rows.length === 0 ? null : Number(rows[rows.length - 1].getAttribute('aria-posinset'));
  })()`);

  log(`ui.scroll: idle page for ${elapsedMs} ms (limit)`);
  await page.evaluate('window.__scBench.startFrames()');
  await page.waitForTimeout(elapsedMs);
  const idle = await page.evaluate<FrameRecord>('window.__scBench.stopFrames()');

  // rAF times are vsync-aligned: a frame lasts a whole number of 16.7 ms refreshes, read with ~0.1 ms of clock
  // jitter. Three refreshes read 49.9-50.1 ms and are a 50 ms frame, not one over 50 ms (four read 66.7 ms).
  const over = (xs: readonly number[], ms: number): number => xs.filter((x) => x > ms + VSYNC_JITTER_MS).length;
  emitLatency('ui.idle-frames.limit', idle.frames, {
    maxFrameMs: Math.max(...idle.frames),
    framesOver50Ms: over(idle.frames, 50),
    // None here while frames are long = the page was idle and the machine (or the compositor) was not.
    longAnimationFrames: idle.loafs.length,
    longAnimationFramesOver50Ms: idle.loafSplits.filter((f) => f.ms > 50 + VSYNC_JITTER_MS),
  });
  emitLatency('ui.scroll', scrolling.frames, {
    tickets: n,
    listRows: total,
    wheelSteps: 300,
    wheelStepPx: 2000,
    middleJump: middle,
    endJump: end,
    lastRowShownAfterWheelUp: rowsAfterWheel,
    maxFrameMs: Math.max(...scrolling.frames),
    framesOver50Ms: over(scrolling.frames, 50),
    longAnimationFrames: scrolling.loafs.length,
    longAnimationFrameMaxMs: scrolling.loafs.length > 0 ? Math.max(...scrolling.loafs) : 0,
    longAnimationFrameTopInvokers: topInvokers(scrolling.loafScripts),
    longAnimationFramesOver50Ms: scrolling.loafSplits.filter((f) => f.ms > 50 + VSYNC_JITTER_MS),
    limitBench: 'ui.idle-frames.limit',
    limitP95Ms: percentile(idle.frames, 95),
    limitMaxFrameMs: Math.max(...idle.frames),
    goal: 'no frame over 50 ms',
    goalMet: over(scrolling.frames, 50) === 0,
  });
}

async function listTotal(page: Page): Promise<number> {
  const size = await page.evaluate(
    `Number(document.querySelector('[data-testid="queue-list"] [role="option"]')?.getAttribute('aria-setsize') ?? 0)`,
  );
  return typeof size === 'number' ? size : 0;
}

interface JumpResult {
  /** The first row index on screen after the jump, and the list's size. */
  row: number;
  of: number;
  /** Jump → no "loading" placeholder left on screen. */
  rowsLoadedMs: number;
}

/** scrollTop to a fraction of the list (the scrollbar dragged there), then waits for the rows to arrive. */
async function jump(page: Page, fraction: number): Promise<JumpResult> {
  return page.evaluate<JumpResult>(`(async () => {
    const list = document.querySelector('[data-testid="queue-list"]');
    // The first row on screen; none while the list still shows the rows of the old position (now far off screen).
    const topRow = () => {
      const view = list.getBoundingClientRect();
      return [...list.querySelectorAll('[role="option"]')].find((r) => {
        const box = r.getBoundingClientRect();
        return box.bottom > view.top && box.top < view.bottom;
      });
    };
    const before = topRow()?.getAttribute('aria-posinset');
    const t = performance.now();
    list.scrollTop = (list.scrollHeight - list.clientHeight) * ${fraction};
    await new Promise((r) => requestAnimationFrame(() => r()));
    // Until the list has rendered the new position (the rows of the old one may still be there a frame later)
    // and every row in it is loaded. topRow() reads every row's box (a layout): once per poll, as this runs
    // inside the measured scroll.
    let top = topRow();
    while (
      top === undefined ||
      top.getAttribute('aria-posinset') === before ||
      list.querySelector('[data-testid="queue-row-loading"]') !== null ||
      list.querySelector('[data-testid="queue-row"]') === null
    ) {
      if (performance.now() - t > 10000) break;
      await new Promise((r) => setTimeout(r, 5));
      top = topRow();
    }
    return {
      row: Number(top?.getAttribute('aria-posinset') ?? 0),
      of: Number(top?.getAttribute('aria-setsize') ?? 0),
      rowsLoadedMs: performance.now() - t,
    };
  })()`);
}

// ---------------------------------------------------------------- the harness process
