import { writeFileSync } from 'node:fs';
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
import { BROWSER_API_PATH, startHarness, TOKEN_HEADER } from './server.js';
import type { Harness } from './server.js';

const CSP = "default-src 'self'; script-src 'self'; connect-src 'self'";
const INDEX = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CSP}" /><script type="module" src="./assets/app.js"></script></head><body></body></html>`;

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
  const browserApiFile = join(tempDir('harness-api'), 'browser-api.js');
  writeFileSync(browserApiFile, 'window.api = {};');
  harness = await startHarness({ services, rendererDir, browserApiFile });
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

const call = (channel: string, headers: Record<string, string> = {}, body = '[]') =>
  send({
    path: `/ipc/${channel}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: harness.token, ...headers },
    body,
  });

describe('the browser harness bridge', () => {
  it('answers a call carrying the token from its own page', async () => {
    const res = await call('canned:list', { origin: harness.origin });
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

  it('passes arguments through the IPC door: bad ones are refused as data', async () => {
    const bad = await call('ticket:get', {}, '[42]');
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'bad_arguments' } });
    expect((await call('no:such-channel')).status).toBe(404);
    expect((await call('canned:list', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('serves the page with the app CSP as a header and the harness script before the app', async () => {
    const page = await send({ path: '/' });
    expect(page.status).toBe(200);
    // The meta policy plus frame-ancestors, which browsers honour only as a header.
    expect(page.headers['content-security-policy']).toBe(`${CSP}; frame-ancestors 'none'`);
    expect(page.body.indexOf(BROWSER_API_PATH)).toBeGreaterThan(0);
    expect(page.body.indexOf(BROWSER_API_PATH)).toBeLessThan(page.body.indexOf('./assets/app.js'));
    expect((await send({ path: BROWSER_API_PATH })).body).toContain('window.api');
    expect((await send({ path: '/../../etc/passwd' })).status).toBe(404);
    expect((await send({ path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
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
