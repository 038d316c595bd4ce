import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import {
  APP_ORIGIN,
  APP_SCHEME,
  createAppProtocolHandler,
  installAppProtocol,
  registerAppScheme,
  resolveAppFile,
} from './protocol.js';
import { protocol, resetFakeElectron } from './testing/fake-electron.js';

vi.mock('electron', () => import('./testing/fake-electron.js'));

const root = mkdtempSync(join(tmpdir(), 'shell-protocol-'));
const renderer = join(root, 'renderer');
const SECRET = 'customer passport scan';

beforeAll(() => {
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  writeFileSync(join(root, 'renderer-evil.txt'), SECRET);
  symlinkSync(join(root, 'secret.txt'), join(renderer, 'assets', 'link.js'));
  symlinkSync(root, join(renderer, 'up'));
});
beforeEach(() => {
  resetFakeElectron();
});

const get = (url: string, method = 'GET') => createAppProtocolHandler(renderer)(new Request(url, { method }));

describe('the app protocol', () => {
  it('is registered before ready as standard and secure, without bypassing the CSP', () => {
    registerAppScheme(protocol);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
    expect(JSON.stringify(protocol.privileged)).not.toMatch(/bypassCSP|allowServiceWorkers|stream/);
  });

  it('installs its handler for the app scheme', async () => {
    installAppProtocol(protocol, renderer);
    const handler = protocol.handlers.get(APP_SCHEME);
    expect(handler).toBeDefined();
    const answer = await handler?.(new Request(`${APP_ORIGIN}/index.html`));
    expect(answer?.status).toBe(200);
  });

  it('serves the built renderer with the CSP and the right content types', async () => {
    for (const [url, type] of [
      [`${APP_ORIGIN}/`, 'text/html; charset=utf-8'],
      [`${APP_ORIGIN}/index.html`, 'text/html; charset=utf-8'],
      [`${APP_ORIGIN}/assets/app.js`, 'text/javascript; charset=utf-8'],
    ] as const) {
      const answer = await get(url);
      expect(answer.status, url).toBe(200);
      expect(answer.headers.get('content-type')).toBe(type);
      expect(answer.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect(await (await get(`${APP_ORIGIN}/assets/app.js`)).text()).toBe('console.log(1)');
  });

  it.each([
    ['dot segments', `${APP_ORIGIN}/../secret.txt`],
    ['encoded dots', `${APP_ORIGIN}/%2e%2e/secret.txt`],
    ['encoded dots and slash', `${APP_ORIGIN}/%2e%2e%2fsecret.txt`],
    ['encoded slash', `${APP_ORIGIN}/assets/..%2f..%2fsecret.txt`],
    ['double-encoded', `${APP_ORIGIN}/%252e%252e%252fsecret.txt`],
    ['backslash', `${APP_ORIGIN}/..%5csecret.txt`],
    ['absolute path', `${APP_ORIGIN}/%2F${encodeURIComponent(join(root, 'secret.txt'))}`],
    ['absolute path in the URL', `${APP_ORIGIN}/${join(root, 'secret.txt')}`],
    ['Windows drive', `${APP_ORIGIN}/C:/Windows/win.ini`],
    ['NUL byte', `${APP_ORIGIN}/index.html%00.js`],
    ['bad encoding', `${APP_ORIGIN}/%E0%A4%A`],
    ['a sibling folder sharing the prefix', `${APP_ORIGIN}/../renderer-evil.txt`],
    ['symlinked file outside', `${APP_ORIGIN}/assets/link.js`],
    ['symlinked folder outside', `${APP_ORIGIN}/up/secret.txt`],
    ['a folder', `${APP_ORIGIN}/assets`],
    ['a missing file', `${APP_ORIGIN}/nope.js`],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
  ])('answers 404 for %s', async (_what, url) => {
    const answer = await get(url);
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain(SECRET);
  });

  it('resolves only files inside the renderer folder', () => {
    expect(resolveAppFile(renderer, `${APP_ORIGIN}/index.html`)).toBe(join(renderer, 'index.html'));
    expect(resolveAppFile(renderer, `${APP_ORIGIN}/assets/link.js`)).toBeNull();
    expect(resolveAppFile(renderer, 'not a url')).toBeNull();
    // (Request refuses such URLs before a handler sees them; the check stands on its own anyway.)
    expect(resolveAppFile(renderer, 'app://user:pw@console/index.html')).toBeNull();
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(`${APP_ORIGIN}/index.html`, 'POST')).status).toBe(405);
    const head = await get(`${APP_ORIGIN}/index.html`, 'HEAD');
    expect(head.status).toBe(200);
  });
});
