import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../../server/index.js';
import type { ReferenceBackend } from '../../../server/index.js';
import { backendOptions } from '../../sync/test-support.js';
import { probeBackend } from './probe-backend.js';

let backend: ReferenceBackend;
let other: Server;
let silent: Server;
const urlOf = (s: Server) => `http://127.0.0.1:${String((s.address() as AddressInfo).port)}`;
const listen = (s: Server) =>
  new Promise<void>((resolve) => {
    s.listen(0, '127.0.0.1', resolve);
  });

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(5));
  // Some other web server: a 404 page in HTML.
  other = createServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
  });
  // Accepts the connection and never answers.
  silent = createServer(() => undefined);
  await Promise.all([listen(other), listen(silent)]);
});
afterAll(async () => {
  await backend.close();
  other.close();
  silent.closeAllConnections();
  silent.close();
});

describe('test connection', () => {
  it('finds the reference backend reachable', async () => {
    expect(await probeBackend(backend.url)).toMatchObject({ outcome: 'reachable', detail: 'HTTP 401' });
  });

  it('says nothing listens on a closed port', async () => {
    const closed = createServer();
    await listen(closed);
    const url = urlOf(closed);
    closed.close();
    expect(await probeBackend(url)).toMatchObject({ outcome: 'wrong-address', detail: 'ECONNREFUSED' });
  });

  it('says an unknown host name is a wrong address', async () => {
    // .invalid never resolves (RFC 2606).
    expect(await probeBackend('https://support-console.invalid')).toMatchObject({ outcome: 'wrong-address' });
  });

  it('tells another web server from a Support Console backend', async () => {
    expect(await probeBackend(urlOf(other))).toMatchObject({ outcome: 'not-console', detail: 'HTTP 404, not JSON' });
  });

  it('reports a TLS failure when https meets a server that does not speak it', async () => {
    const probe = await probeBackend(backend.url.replace('http:', 'https:'));
    expect(probe.outcome).toBe('tls');
  });

  it('gives up on silence within its timeout', async () => {
    const probe = await probeBackend(urlOf(silent), { timeoutMs: 300 });
    expect(probe.outcome).toBe('timeout');
    expect(probe.elapsedMs).toBeLessThan(3_000);
  });
});
