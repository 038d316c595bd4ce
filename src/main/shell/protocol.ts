/**
 * The app protocol: the console's pages are served from `app://console/`,
 * not `file://` (a file: page may read any file the user can, and all file:
 * pages share one origin). The handler serves only regular files inside the
 * built renderer folder: anything that resolves outside it (`..`, encoded
 * `..`, absolute paths, symlinks pointing out) is a 404, and every answer
 * carries the console's CSP (csp.ts).
 */
import { readFile } from 'node:fs/promises';
import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { SECURITY_HEADERS } from './csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
/** The origin IPC accepts calls from (ipc/handle.ts appOriginOf spells it the same way). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * Must run before `app.whenReady()`: `standard` gives the scheme real
 * origins, `secure` a secure context (notifications need one), fetch and
 * CORS support let the page load its ES module scripts (fetched in CORS mode
 * even from the same origin). No `bypassCSP`: the CSP applies in full.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
}

/** The file a request may read, or null (then the answer is 404). Pure apart from reading the file system. */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '')
    return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // A backslash is a separator on Windows; a NUL byte truncates paths in native code.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const wanted = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  if (isAbsolute(wanted) || /^[A-Za-z]:/.test(wanted)) return null;
  const root = resolve(rendererDir);
  const candidate = resolve(root, wanted);
  if (!isInside(root, candidate)) return null;
  try {
    // A symlink inside the folder may point anywhere: judge where it really leads.
    const real = realpathSync(candidate);
    if (!isInside(realpathSync(root), real)) return null;
    return statSync(real).isFile() ? real : null;
  } catch {
    return null; // missing
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The handler for `protocol.handle(APP_SCHEME, …)`. */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null) return notFound();
    const body = request.method === 'HEAD' ? null : await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        ...SECURITY_HEADERS,
      },
    });
  };
}

export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
