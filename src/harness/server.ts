/**
 * The browser harness's HTTP server: the built app plus a loopback bridge to
 * the main-process services (docs/ARCHITECTURE.md, src/harness/README.md).
 *
 * - Listens on 127.0.0.1 only.
 * - Every request: `Host` must be exactly 127.0.0.1:<port> (a DNS-rebinding
 *   page reaches us under its own host name) and `Origin`, when sent, must
 *   be ours (no other page may call in; there are no CORS headers at all).
 * - The bridge (`POST /ipc/<channel>`, `GET /ipc-events`) also needs the
 *   random token in `x-console-token`: the page gets it from the URL
 *   fragment, which browsers never send to a server.
 * - The renderer's files are answered by the app protocol's own handler
 *   (createAppProtocolHandler, as Electron's `app://console/` is), with its
 *   headers, CSP included; the page gets one script more, the built preload
 *   in its stand-in sandbox (composePreloadScript), before the renderer's.
 * - The CSP gets `report-uri` (csp.ts): the browser reports every violation,
 *   workers' included, to `cspViolations`, which the e2e fixture checks.
 */
import { timingSafeEqual, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventChannel, IpcEvents } from '../shared/ipc.js';
import type { ConsoleServices } from '../main/services/index.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../main/shell/csp.js';
import { APP_ORIGIN, createAppProtocolHandler } from '../main/shell/protocol.js';
import { PRELOAD_SHIM_NAME } from './build.js';
import type { HarnessAssets } from './build.js';
import { CSP_REPORT_PATH, describeViolation, harnessCspOf, parseCspReport } from './csp.js';
import type { CspViolation } from './csp.js';
import { createDoor, isInvokeChannel, senderFrameOf } from './door.js';

export const HARNESS_HOST = '127.0.0.1';
export const TOKEN_HEADER = 'x-console-token';
export const PRELOAD_PATH = '/__harness/preload.js';
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REPORT_BYTES = 64 * 1024;
/** A page stuck in a loop of violations must not grow the harness's memory without end. */
const MAX_VIOLATIONS = 1_000;
const SSE_HEARTBEAT_MS = 15_000;

/**
 * Headers the harness adds to what the app protocol answers, never replacing
 * one of its own: X-Frame-Options for browsers that predate frame-ancestors,
 * and no caching (a rebuilt app must not meet a stale script).
 */
const HARNESS_HEADERS: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export interface HarnessOptions extends HarnessAssets {
  services: Pick<ConsoleServices, 'handlers' | 'subscribe'>;
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
  /**
   * Every CSP violation the browser reported (page and workers), oldest first.
   * The e2e fixture fails a test that leaves one; a test that provokes one on purpose empties it.
   */
  readonly cspViolations: CspViolation[];
  close(): Promise<void>;
}

/**
 * The script the page runs first: the shim's bundle (an IIFE bound to
 * PRELOAD_SHIM_NAME), then the built preload's bytes, unchanged, inside the
 * function Electron wraps a sandboxed preload in, handed to the shim to call.
 * All of it inside one function, so neither leaves a global behind.
 */
export function composePreloadScript(shim: string, preload: string): string {
  return [
    '(function () {',
    shim,
    `${PRELOAD_SHIM_NAME}.runSandboxedPreload(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {`,
    preload,
    '});',
    '})();',
    '',
  ].join('\n');
}

/** The preload goes before the renderer's module: a classic script runs as it is parsed, modules only after. */
export function injectPreload(html: string): string {
  const tag = `<script src="${PRELOAD_PATH}"></script>`;
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

async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  // Read once: the e2e build setup and the CLI build before starting, and a page must not meet half a rebuild.
  const preloadScript = composePreloadScript(
    readFileSync(opts.preloadShimFile, 'utf8'),
    readFileSync(opts.preloadFile, 'utf8'),
  );
  const appProtocol = createAppProtocolHandler(opts.rendererDir);
  const securityHeaders = {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': harnessCspOf(CONTENT_SECURITY_POLICY),
  };
  const cspViolations: CspViolation[] = [];
  let port = 0;
  let origin = '';
  let invoke: ReturnType<typeof createDoor> | null = null;
  const streams = new Set<ServerResponse>();

  const serveFile = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    if (path === PRELOAD_PATH) {
      res.writeHead(200, { ...securityHeaders, ...HARNESS_HEADERS, 'content-type': 'text/javascript; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : preloadScript);
      return;
    }
    // Browsers ask for a favicon the app does not ship (Electron never does): no console error for that.
    if (path === '/favicon.ico') {
      res.writeHead(204, { ...securityHeaders, ...HARNESS_HEADERS });
      res.end();
      return;
    }
    // The same request Electron's protocol.handle would get for this page: app://console/<path>.
    const answer = await appProtocol(new Request(new URL(req.url ?? '/', APP_ORIGIN), { method: req.method }));
    const headers: Record<string, string> = { ...HARNESS_HEADERS };
    answer.headers.forEach((value, name) => {
      headers[name] = name === 'content-security-policy' ? harnessCspOf(value) : value;
    });
    let body = Buffer.from(await answer.arrayBuffer());
    if (answer.ok && (headers['content-type'] ?? '').startsWith('text/html'))
      body = Buffer.from(injectPreload(body.toString('utf8')));
    res.writeHead(answer.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
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

  // No token: a browser's report cannot carry one. Host, Origin and Sec-Fetch-Site are checked as for any
  // request, and a report only lands in a list: it reaches no service.
  const recordViolation = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      refuse(res, 405, 'method_not_allowed');
      return;
    }
    const text = await readBody(req, MAX_REPORT_BYTES);
    const violation = text === null ? null : parseCspReport(text);
    if (violation === null) {
      refuse(res, 400, 'not_a_csp_report');
      return;
    }
    if (cspViolations.length < MAX_VIOLATIONS) cspViolations.push(violation);
    console.error(`[harness] CSP violation: ${describeViolation(violation)}`);
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
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
    if (path === CSP_REPORT_PATH) {
      await recordViolation(req, res);
      return;
    }
    const isBridge = path === '/ipc-events' || path.startsWith('/ipc/');
    if (!isBridge) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        refuse(res, 405, 'method_not_allowed');
        return;
      }
      await serveFile(req, res, path);
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
    const reply = await invoke(channel, args as unknown[], senderFrameOf(requestOrigin, origin));
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(reply));
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
  invoke = createDoor(opts.services.handlers);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    cspViolations,
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
