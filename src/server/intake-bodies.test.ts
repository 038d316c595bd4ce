/**
 * Bodies the customer portal can get wrong: a form that is not valid
 * multipart answers 400 with a code (not a 500 that blames the server), and a
 * body over a limit answers 413 that the client actually receives, on the same
 * keep-alive connection it would reuse, with or without a Content-Length.
 */
import { Readable } from 'node:stream';
import { Agent, FormData, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

interface Answer {
  status: number;
  reason: string | undefined;
  message: string | undefined;
}

describe('intake bodies the portal gets wrong', () => {
  let backend: TestBackend;
  let portal: string;
  // One connection, kept alive: a 413 that resets it would show as a thrown request, not a status.
  const agent = new Agent({ connections: 1, pipelining: 1 });

  beforeAll(async () => {
    backend = await startTestBackend({ maxUploadBytes: 64 * 1024 });
    portal = await login(backend.url, 'portal', 'portal');
  });
  afterAll(async () => {
    await agent.close();
    await backend.dispose();
  });

  async function post(
    path: string,
    contentType: string,
    body: string | Buffer | Readable | FormData,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const res = await request(`${backend.url}${path}`, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        authorization: `Bearer ${portal}`,
        ...(contentType === '' ? {} : { 'content-type': contentType }),
        ...headers,
      },
      body,
    });
    const text = await res.body.text();
    const parsed = JSON.parse(text) as { error?: { reason?: string; message?: string } };
    return { status: res.statusCode, reason: parsed.error?.reason, message: parsed.error?.message };
  }

  const form = '/v1/intake/recovery-requests';
  const part = (boundary: string, rest: string): string =>
    `--${boundary}\r\nContent-Disposition: form-data; name="firstName"\r\n\r\nAnna\r\n${rest}`;

  it.each([
    ['a boundary the body does not use', 'multipart/form-data; boundary=abc', part('xyz', '--xyz--\r\n')],
    ['a body cut off in a part', 'multipart/form-data; boundary=abc', part('abc', '').slice(0, -8)],
    ['no boundary at all', 'multipart/form-data', 'hello'],
  ])('%s: 400 invalid_multipart, and the server keeps answering', async (_name, type, body) => {
    const answer = await post(form, type, body);
    expect(answer).toMatchObject({ status: 400, reason: 'invalid_multipart' });
    expect(answer.message).toMatch(/multipart\/form-data/);
  });

  it('a document over the limit answers 413 file_too_large to the client, five times on one connection', async () => {
    for (let i = 0; i < 5; i += 1) {
      const body = new FormData();
      body.set('firstName', 'Anna');
      body.set('document', new Blob([Buffer.alloc(4 * 1024 * 1024, 0x41)], { type: 'application/pdf' }), 'scan.pdf');
      const answer = await post(form, '', body);
      expect(answer).toMatchObject({ status: 413, reason: 'file_too_large' });
    }
  });

  it('a JSON body over 1 MiB answers 413 payload_too_large, with a Content-Length and chunked', async () => {
    const big = JSON.stringify({ subject: 'x'.repeat(3 * 1024 * 1024) });
    for (let i = 0; i < 3; i += 1) {
      expect(await post('/v1/intake/tickets', 'application/json', big)).toMatchObject({
        status: 413,
        reason: 'payload_too_large',
      });
      const chunked = Readable.from(
        (function* chunks() {
          for (let c = 0; c < 48; c += 1) yield Buffer.alloc(64 * 1024, 0x61);
        })(),
      );
      expect(await post('/v1/intake/tickets', 'application/json', chunked)).toMatchObject({
        status: 413,
        reason: 'payload_too_large',
      });
    }
  });
});
