/**
 * `npm run bench:viewer [-- --rounds 20] [--keep]`: the `viewer.open` figure.
 * From a click on a request in the recovery queue to the frame that paints
 * its document, for a ~5 MB PDF and a 12-megapixel JPG, warm cache: the
 * document was opened once before, so main serves its bytes from memory and
 * the window still holds it decoded (decoded-cache.ts); every opening still
 * goes through IPC and writes its audit entry. The bare limit is the same
 * bytes decoded and drawn from scratch by the same libraries in a blank page
 * of the same browser (no console, no IPC, no checks), in the same run; the
 * first (cold) opening of each document is reported beside it as
 * `firstOpenMs`.
 *
 * The backend runs as its own process (bench/backend-process.ts), the
 * browser harness too (src/harness/cli.ts), as Electron's main would.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../e2e/chromium.js';
import { startBackendProcess } from '../src/server/testing/backend-process.js';
import { startHarnessProcess } from './harness-process.js';
import type { HarnessProcess } from './harness-process.js';
import { emitLatency, log } from './stats.js';
import { photoJpeg, scanPdf } from './viewer-files.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '20' }, keep: { type: 'boolean', default: false } },
});
const ROUNDS = Number(values.rounds);
const GOAL_P95_MS = 300;

async function portalLogin(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'portal', password: 'portal' }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function submit(url: string, token: string, n: number, bytes: Uint8Array, name: string, type: string) {
  const form = new FormData();
  const fields: Record<string, string> = {
    firstName: 'Bench',
    lastName: `Viewer ${String(n)}`,
    contactEmail: `bench.viewer.${String(n)}@example.org`,
    resetEmail: `bench.viewer.${String(n)}@example.org`,
    phone: '+41 79 000 00 00',
    street: 'Benchweg 1',
    postalCode: '3000',
    city: 'Bern',
    country: 'Schweiz',
    language: 'de',
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('document', new Blob([bytes.slice()], { type }), name);
  const res = await fetch(`${url}/v1/intake/recovery-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`intake answered ${String(res.status)}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Click the row in the page, then wait frame by frame for this request's
 * document drawn; ms from the click to the frame after (the one that paints
 * it). Page code as a string: the bench's tsconfig has no DOM types.
 */
function openOnce(page: Page, id: string): Promise<number> {
  return page.evaluate(`new Promise((resolve, reject) => {
    const row = document.querySelector('[data-testid="recovery-row-${id}"]');
    if (row === null) return reject(new Error('no row ${id}'));
    const t0 = performance.now();
    row.click();
    const tick = () => {
      const viewer = document.querySelector('[data-testid="viewer"]');
      const title = document.querySelector('#verification-heading')?.textContent ?? '';
      const status = viewer?.getAttribute('data-status');
      const mine = title.includes('n° ${id} ');
      if (mine && status === 'shown') requestAnimationFrame(() => resolve(performance.now() - t0));
      else if (mine && status === 'refused') reject(new Error('refused ${id}'));
      else if (performance.now() - t0 > 30000) reject(new Error('timeout ${id}'));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

const BARE_HTML = `<!doctype html><html><body><canvas id="c"></canvas><script type="module">
import * as pdfjs from '/pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.min.mjs';
const canvas = document.getElementById('c');
const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
window.bare = {
  bytes: {},
  async pdf(key) {
    const t0 = performance.now();
    const doc = await pdfjs.getDocument({ data: window.bare.bytes[key].slice(), isEvalSupported: false, disableFontFace: true, useWasm: false, maxImageSize: 40000000 }).promise;
    const page = await doc.getPage(1);
    const unit = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: 800 / unit.width });
    canvas.width = Math.floor(viewport.width); canvas.height = Math.floor(viewport.height);
    await page.render({ canvas, viewport }).promise;
    await frame();
    const ms = performance.now() - t0;
    await doc.destroy();
    return ms;
  },
  async jpg(key) {
    const t0 = performance.now();
    const bitmap = await createImageBitmap(new Blob([window.bare.bytes[key]], { type: 'image/jpeg' }));
    const scale = 800 / bitmap.width;
    canvas.width = 800; canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    await frame();
    return performance.now() - t0;
  },
};
window.bareReady = true;
</script></body></html>`;

/** A blank page of our own serving pdf.js from node_modules: the bare limit. */
async function startBarePage(): Promise<{ url: string; close(): Promise<void> }> {
  const build = join(import.meta.dirname, '../node_modules/pdfjs-dist/build');
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(BARE_HTML);
    } else if (path === '/pdf.min.mjs' || path === '/pdf.worker.min.mjs') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(build, path.slice(1))));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => {
          r();
        });
      }),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'sc-bench-viewer-'));
const userDataDir = join(dir, 'userdata');
mkdirSync(userDataDir);
log(`workdir ${dir}; generating the documents…`);
const jpg = photoJpeg();
const pdf = await scanPdf();
log(`JPG ${String(jpg.length)} bytes (12 MP), PDF ${String(pdf.length)} bytes`);

const backend = await startBackendProcess(
  ['--db', join(dir, 'server.sqlite'), '--seed', '1', '--tickets', '2000', '--heartbeat-ms', '5000'],
  5 * 60_000,
);
let harness: HarnessProcess | null = null;
const bare = await startBarePage();
const browser = await chromium.launch({ ...CHROMIUM_LAUNCH });
try {
  const token = await portalLogin(backend.url);
  const ids = {
    pdf: await submit(backend.url, token, 1, pdf, 'scan.pdf', 'application/pdf'),
    jpg: await submit(backend.url, token, 2, jpg, 'photo.jpg', 'image/jpeg'),
  };
  harness = await startHarnessProcess(backend.url, userDataDir);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'fr-CH' });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    log(`page error: ${e.message}`);
  });
  await page.goto(harness.url);
  await page.getByTestId('desk-recovery').click();
  await page.getByTestId(`recovery-row-${ids.jpg}`).waitFor({ timeout: 120_000 });

  // Warm: each document fetched once (main keeps it in memory), pdf.js loaded.
  const firstOpenMs = { pdf: await openOnce(page, ids.pdf), jpg: await openOnce(page, ids.jpg) };
  const samples: Record<'pdf' | 'jpg', number[]> = { pdf: [], jpg: [] };
  for (let i = 0; i < ROUNDS; i++) {
    samples.pdf.push(await openOnce(page, ids.pdf));
    samples.jpg.push(await openOnce(page, ids.jpg));
  }

  const barePage = await context.newPage();
  await barePage.goto(bare.url);
  await barePage.waitForFunction('window.bareReady === true');
  await barePage.evaluate(`(() => {
    const decode = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    window.bare.bytes.pdf = decode('${Buffer.from(pdf).toString('base64')}');
    window.bare.bytes.jpg = decode('${Buffer.from(jpg).toString('base64')}');
  })()`);
  const limits: Record<'pdf' | 'jpg', number[]> = { pdf: [], jpg: [] };
  for (let i = 0; i < ROUNDS + 1; i++) {
    for (const kind of ['pdf', 'jpg'] as const) {
      const ms = await barePage.evaluate<number>(`window.bare.${kind}('${kind}')`);
      if (i > 0) limits[kind].push(ms); // the first round loads the worker and warms the decoders
    }
  }

  for (const kind of ['pdf', 'jpg'] as const) {
    const limitBench = `viewer.open.limit.${kind}`;
    emitLatency(limitBench, limits[kind], { bytes: kind === 'pdf' ? pdf.length : jpg.length });
    const sorted = [...limits[kind]].sort((a, b) => a - b);
    emitLatency(`viewer.open.${kind}`, samples[kind], {
      bytes: kind === 'pdf' ? pdf.length : jpg.length,
      // The first, cold opening: download, checks, audit and a full decode (one sample, for scale).
      firstOpenMs: firstOpenMs[kind],
      limitBench,
      limitP95Ms: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN,
      goalP95Ms: GOAL_P95_MS,
    });
  }
  await context.close();
} finally {
  await browser.close();
  await bare.close();
  if (harness !== null) await harness.stop();
  await backend.stop();
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
