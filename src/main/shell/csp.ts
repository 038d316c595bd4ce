/**
 * The Content-Security-Policy every page of the console is served with (as
 * an HTTP header by the app protocol, protocol.ts). It is the policy of the
 * renderer's own meta tag (src/renderer/index.html) plus what only a header
 * can say (frame-ancestors), plus what the document viewer needs:
 * - pdf.js runs its parser in a worker loaded from the app itself
 *   (`worker-src 'self'`), never from a blob: or another origin;
 * - no `'wasm-unsafe-eval'`: the document viewer runs pdf.js without
 *   WebAssembly (`useWasm: false` in features/recovery/pdf-render.ts), so
 *   nothing may compile code at run time.
 * No 'unsafe-eval', no 'unsafe-inline', no remote origin anywhere: the page
 * talks to main over IPC, never to the network.
 */
export const CSP_DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['worker-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map((d) => d.join(' ')).join('; ');

/** Headers that go with every page and script the app protocol serves. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};
