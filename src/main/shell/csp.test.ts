import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from './csp.js';

const directives = new Map(CSP_DIRECTIVES.map(([name, ...values]) => [name, values]));

describe('the Content-Security-Policy', () => {
  it('is exactly the console policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self'; " +
        "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows no eval, no inline script or style, and no other origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(
      /'unsafe-eval'|'wasm-unsafe-eval'|'unsafe-inline'|'unsafe-hashes'|'strict-dynamic'/,
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|ws:|wss:|'nonce-|'sha\d+-/);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    // pdf.js: its worker from the app itself, never a blob: worker.
    expect(directives.get('worker-src')).toEqual(["'self'"]);
  });

  it('denies by default and closes plugins, framing, base and forms', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    for (const name of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri', 'form-action'])
      expect(directives.get(name), name).toEqual(["'none'"]);
  });

  it('is no looser than the renderer page policy for scripts', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).not.toMatch(/'unsafe-eval'|'unsafe-inline'/);
    expect(meta).toContain("script-src 'self'");
  });
});
