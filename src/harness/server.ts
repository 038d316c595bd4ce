/**
 * The browser harness's HTTP server: the built renderer plus a loopback
 * bridge to the main-process services (docs/ARCHITECTURE.md, src/harness/README.md).
 *
 * - Listens on 127.0.0.1 only.
 * - Every request: `Host` must be exactly 127.0.0.1:<port> (a DNS-rebinding
 *   page reaches us under its own host name) and `Origin`, when sent, must
 *   be ours (no other page may call in; there are no CORS headers at all).
 * - The bridge (`POST /ipc/<channel>`, `GET /ipc-events`) also needs the
 *   random token in `x-console-token`: the page gets it from the URL
 *   fragment, which browsers never send to a server.
 * - Pages carry the app's own CSP (read from the built index.html) as a
 *   header too, so the harness runs under the same policy as Electron.
 */
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { EventChannel, IpcEvents } from '../shared/ipc.js';
import type { ConsoleServices } from '../main/services/index.js';
import { createDoor, isInvokeChannel } from './door.js';

export const HARNESS_HOST = '127.0.0.1';
export const TOKEN_HEADER = 'x-console-token';
export const BROWSER_API_PATH = '/__harness/browser-api.js';
const MAX_BODY_BYTES = 1024 * 1024;
const SSE_HEARTBEAT_MS = 15_000;

/** Used when the built page has no CSP meta tag: the policy the app ships with. */
const FALLBACK_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'";
/**
 * Browsers ignore `frame-ancestors` in a meta tag (and log an error for it),
 * so the page's meta leaves it out and the header adds it: no other page may
 * frame the console.
 */
const HEADER_ONLY_CSP = "frame-ancestors 'none'";

export interface HarnessOptions {
  services: Pick<ConsoleServices, 'handlers' | 'subscribe'>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The bundled src/harness/browser-api.ts. */
  browserApiFile: string;
  /** 0 (default) = any free port. */
  port?: number;
  /** Random when not given (tests pass their own). */
  token?: string;
}

export interface Harness {
  /** What to open: http://127.0.0.1:PORT/#token=… */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** The page's own policy (its meta tag) plus the directives only a header can carry. */
export function cspOf(html: string): string {
  const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1/is.exec(html);
  const policy = (meta?.[2]?.replace(/\s+/g, ' ').trim() ?? FALLBACK_CSP).replace(/;\s*$/, '');
  return /(^|;)\s*frame-ancestors\b/i.test(policy) ? policy : `${policy}; ${HEADER_ONLY_CSP}`;
}

/** The harness's script goes before the app's module: module scripts run in document order, so window.api exists first. */
export function injectBrowserApi(html: string): string {
  const tag = `<script type="module" src="${BROWSER_API_PATH}"></script>`;
  const at = html.search(/<script\b/i);
  return at === -1 ? html.replace(/<\/head>/i, `${tag}</head>`) : `${html.slice(0, at)}${tag}\n${html.slice(at)}`;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refuse(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ ok: false, error: { code, message: code } }));
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const indexHtml = readFileSync(join(opts.rendererDir, 'index.html'), 'utf8');
  const csp = cspOf(indexHtml);
  const page = injectBrowserApi(indexHtml);
  const pageHeaders = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  };
  let port = 0;
  let origin = '';
  let invoke: ReturnType<typeof createDoor> | null = null;
  const streams = new Set<ServerResponse>();

  const serveFile = (res: ServerResponse, path: string): void => {
    if (path === BROWSER_API_PATH) {
      res.writeHead(200, { ...pageHeaders, 'content-type': TYPES['.js'] ?? '' });
      res.end(readFileSync(opts.browserApiFile));
      return;
    }
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { ...pageHeaders, 'content-type': TYPES['.html'] ?? '' });
      res.end(page);
      return;
    }
    let file: string;
    try {
      file = normalize(join(opts.rendererDir, decodeURIComponent(path)));
    } catch {
      refuse(res, 400, 'bad_path');
      return;
    }
    if (!file.startsWith(opts.rendererDir + sep)) {
      refuse(res, 404, 'not_found');
      return;
    }
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      // Browsers ask for a favicon the app does not ship: no console error for that.
      if (path === '/favicon.ico') {
        res.writeHead(204, pageHeaders);
        res.end();
        return;
      }
      refuse(res, 404, 'not_found');
      return;
    }
    res.writeHead(200, { ...pageHeaders, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  };

  const openEvents = (res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const send = <E extends EventChannel>(channel: E, payload: IpcEvents[E]): void => {
      res.write(`event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`);
    };
    // A fresh (or reconnected) stream may have missed events: the current status, and "reload everything".
    send('sync:status', opts.services.handlers['sync:status']() as IpcEvents['sync:status']);
    send('tickets:changed', { ids: [], all: true });
    const unsubscribe = opts.services.subscribe(send);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
    streams.add(res);
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.headers.host !== `${HARNESS_HOST}:${String(port)}`) {
      refuse(res, 421, 'wrong_host');
      return;
    }
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      refuse(res, 403, 'foreign_origin');
      return;
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      refuse(res, 403, 'foreign_site');
      return;
    }
    const path = new URL(req.url ?? '/', origin).pathname;
    const isBridge = path === '/ipc-events' || path.startsWith('/ipc/');
    if (!isBridge) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        refuse(res, 405, 'method_not_allowed');
        return;
      }
      serveFile(res, path);
      return;
    }
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !sameSecret(given, token)) {
      refuse(res, 401, 'bad_token');
      return;
    }
    if (path === '/ipc-events') {
      if (req.method !== 'GET') {
        refuse(res, 405, 'method_not_allowed');
        return;
      }
      openEvents(res);
      return;
    }
    const channel = path.slice('/ipc/'.length);
    if (req.method !== 'POST') {
      refuse(res, 405, 'method_not_allowed');
      return;
    }
    if (!isInvokeChannel(channel)) {
      refuse(res, 404, 'unknown_channel');
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      refuse(res, 415, 'json_required');
      return;
    }
    const text = await readBody(req);
    if (text === null) {
      refuse(res, 413, 'too_large');
      return;
    }
    let args: unknown;
    try {
      args = JSON.parse(text);
    } catch {
      refuse(res, 400, 'bad_json');
      return;
    }
    if (!Array.isArray(args)) {
      refuse(res, 400, 'bad_arguments');
      return;
    }
    if (invoke === null) {
      refuse(res, 503, 'starting');
      return;
    }
    const answer = await invoke(channel, args as unknown[]);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(answer));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[harness] request failed', error);
      if (!res.headersSent) refuse(res, 500, 'internal');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HARNESS_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://${HARNESS_HOST}:${String(port)}`;
  invoke = createDoor(opts.services.handlers, origin);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.end();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
