import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../server/index.js';
import type { ReferenceBackend } from '../server/index.js';
import { tempDir } from '../main/db/test-fixtures.js';
import { createConsoleServices } from '../main/services/index.js';
import type { ConsoleServices } from '../main/services/index.js';
import { backendOptions, DEMO_LOGIN } from '../main/sync/test-support.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../main/shell/csp.js';
import { PRELOAD_SHIM_NAME, PROJECT_ROOT } from './build.js';
import { CSP_REPORT_PATH, HARNESS_CSP_ADDITIONS } from './csp.js';
import { PRELOAD_PATH, startHarness, TOKEN_HEADER } from './server.js';
import type { Harness } from './server.js';

const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'" /><script type="module" src="./assets/app.js"></script></head><body></body></html>`;
/** The preload as it ships (vitest.setup.ts builds the app when stale). */
const BUILT_PRELOAD = join(PROJECT_ROOT, 'out/preload/index.cjs');
const SHIM = `var ${PRELOAD_SHIM_NAME} = { runSandboxedPreload: function (wrapper) {} };`;

let backend: ReferenceBackend;
let services: ConsoleServices;
let harness: Harness;

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(50));
  services = await createConsoleServices({
    userDataDir: tempDir('harness'),
    env: {
      SUPPORT_CONSOLE_BACKEND_URL: backend.url,
      SUPPORT_CONSOLE_LOGIN: DEMO_LOGIN.login,
      SUPPORT_CONSOLE_PASSWORD: DEMO_LOGIN.password,
    },
  });
  const rendererDir = tempDir('harness-renderer');
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
  const preloadShimFile = join(tempDir('harness-shim'), 'preload-shim.js');
  writeFileSync(preloadShimFile, SHIM);
  harness = await startHarness({ services, rendererDir, preloadFile: BUILT_PRELOAD, preloadShimFile });
});
afterAll(async () => {
  await harness.close();
  await services.stop();
  await backend.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP, so the test controls Host and Origin exactly as a hostile page or a rebinding DNS name would send them. */
function send(opts: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  host?: string;
}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.host ?? '127.0.0.1',
        port: harness.port,
        path: opts.path,
        method: opts.method ?? 'GET',
        headers: { host: `127.0.0.1:${String(harness.port)}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A call as the page makes it: Chromium sends the page's Origin on every POST, same-origin included. */
const call = (channel: string, headers: Record<string, string> = {}, body = '[]') =>
  send({
    path: `/ipc/${channel}`,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [TOKEN_HEADER]: harness.token,
      origin: harness.origin,
      ...headers,
    },
    body,
  });

/** A policy as a map of directive → sources, so two policies compare whatever their order. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((words) => words[0] !== '')
      .map(([name = '', ...sources]) => [name, sources.join(' ')]),
  );
}

describe('the browser harness bridge', () => {
  it('answers a call carrying the token from its own page', async () => {
    const res = await call('canned:list');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await call('canned:list', { [TOKEN_HEADER]: '' })).status).toBe(401);
    expect((await call('canned:list', { [TOKEN_HEADER]: `${harness.token.slice(0, -1)}x` })).status).toBe(401);
    const noHeader = await send({
      path: '/ipc/canned:list',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[]',
    });
    expect(noHeader.status).toBe(401);
    expect(JSON.parse(noHeader.body)).toMatchObject({ ok: false, error: { code: 'bad_token' } });
    expect((await send({ path: '/ipc-events' })).status).toBe(401);
  });

  it('refuses a wrong Host (DNS rebinding), even with the token', async () => {
    expect((await call('canned:list', { host: `evil.example:${String(harness.port)}` })).status).toBe(421);
    expect((await call('canned:list', { host: `localhost:${String(harness.port)}` })).status).toBe(421);
    expect((await send({ path: '/', headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('refuses other origins and cross-site requests, and sends no CORS headers', async () => {
    const foreign = await call('canned:list', { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect((await call('canned:list', { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await call('canned:list', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const preflight = await send({
      path: '/ipc/canned:list',
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example' },
    });
    expect(preflight.status).toBe(403);
  });

  it('lets the IPC door check the sender as in Electron: only a page of the app origin may call', async () => {
    // The harness's own Origin maps to app://console/index.html, the page Electron loads: the door accepts it.
    expect(JSON.parse((await call('canned:list')).body)).toMatchObject({ ok: true });
    // No Origin (not a page: curl with a stolen token, say): the door sees no app frame and refuses, as data.
    const anonymous = await send({
      path: '/ipc/canned:list',
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: harness.token },
      body: '[]',
    });
    expect(anonymous.status).toBe(200);
    expect(JSON.parse(anonymous.body)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('passes arguments through the IPC door: bad ones are refused as data', async () => {
    const bad = await call('ticket:get', {}, '[42]');
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
    expect((await call('no:such-channel')).status).toBe(404);
    expect((await call('canned:list', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it("serves the page through the app protocol's handler, with Electron's CSP and only the named additions", async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    const served = directives(String(page.headers['content-security-policy']));
    const electron = directives(CONTENT_SECURITY_POLICY);
    const added = HARNESS_CSP_ADDITIONS.map(([name]) => name);
    expect(added).toEqual(['report-uri']);
    expect(served.get('report-uri')).toBe(CSP_REPORT_PATH);
    for (const name of added) served.delete(name);
    expect(served).toEqual(electron);
    // The protocol's other security headers, unchanged, plus the harness's stricter framing refusal.
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (name !== 'Content-Security-Policy') expect(page.headers[name.toLowerCase()], name).toBe(value);
    }
    expect(page.headers['x-frame-options']).toBe('DENY');
    // A script (a worker's too) is answered with the same policy: a worker is governed by its own response's.
    const script = await send({ path: '/assets/app.js' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(page.headers['content-security-policy']);
    expect((await send({ path: '/../../etc/passwd' })).status).toBe(404);
    expect((await send({ path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
    expect((await send({ path: '/assets/missing.js' })).status).toBe(404);
  });

  it('runs the built preload, verbatim in its sandbox wrapper, before the renderer', async () => {
    const page = await send({ path: '/' });
    const preloadTag = `<script src="${PRELOAD_PATH}"></script>`;
    expect(page.body.indexOf(preloadTag)).toBeGreaterThan(0);
    expect(page.body.indexOf(preloadTag)).toBeLessThan(page.body.indexOf('./assets/app.js'));
    const script = await send({ path: PRELOAD_PATH });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const wrapper = `${PRELOAD_SHIM_NAME}.runSandboxedPreload(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n`;
    const at = script.body.indexOf(wrapper);
    expect(script.body.indexOf(SHIM)).toBeLessThan(at);
    const preload = readFileSync(BUILT_PRELOAD, 'utf8');
    expect(script.body.slice(at + wrapper.length, at + wrapper.length + preload.length)).toBe(preload);
    expect(preload).toContain('require("electron")');
  });

  it('records the CSP violations the browser reports, from its own pages only', async () => {
    const report = {
      'csp-report': {
        'document-uri': `${harness.origin}/assets/pdf.worker.js`,
        'effective-directive': 'script-src',
        'blocked-uri': 'eval',
        'source-file': `${harness.origin}/assets/pdf.worker.js`,
        'line-number': 7,
      },
    };
    const post = (body: string, headers: Record<string, string> = {}) =>
      send({
        path: CSP_REPORT_PATH,
        method: 'POST',
        headers: { 'content-type': 'application/csp-report', origin: harness.origin, ...headers },
        body,
      });
    expect((await post(JSON.stringify(report))).status).toBe(204);
    expect(harness.cspViolations).toEqual([
      {
        documentUri: `${harness.origin}/assets/pdf.worker.js`,
        directive: 'script-src',
        blockedUri: 'eval',
        sourceFile: `${harness.origin}/assets/pdf.worker.js`,
        line: 7,
      },
    ]);
    expect((await post('{"not":"a report"}')).status).toBe(400);
    expect((await post(JSON.stringify(report), { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('x'.repeat(70 * 1024))).status).toBe(400);
    expect(harness.cspViolations).toHaveLength(1);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(harness.url).hostname).toBe('127.0.0.1');
    expect(harness.url).toContain(`#token=${harness.token}`);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
      .map((i) => i?.address ?? '');
    for (const address of others) await expect(send({ path: '/', host: address })).rejects.toThrow(/ECONNREFUSED/);
    await expect(send({ path: '/', host: '::1' })).rejects.toThrow(/ECONNREFUSED|EADDRNOTAVAIL/);
  });

  it('streams IPC events to a page with the token, starting with the current status', async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: harness.port,
          path: '/ipc-events',
          headers: { host: `127.0.0.1:${String(harness.port)}`, [TOKEN_HEADER]: harness.token },
        },
        (res) => {
          res.setEncoding('utf8');
          res.once('data', (chunk: string) => {
            req.destroy();
            resolve(chunk);
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(first).toMatch(/^event: sync:status\ndata: \{/);
  });
});
