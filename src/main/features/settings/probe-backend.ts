/**
 * "Test connection": one unauthenticated GET of the backend's `/v1/me`,
 * the cheapest call every Support Console backend answers. A backend
 * answers it 401 with the API's error body (or 200 with an agent); anything
 * else that answers is some other server. Network failures are sorted into
 * what the person can act on: a wrong address, a TLS problem, or silence.
 */
import { request } from 'undici';
import { z } from 'zod';
import type { BackendProbe, ProbeOutcome } from '../../../shared/ipc-settings.js';
import { ApiError, PATHS } from '../../../shared/sync-protocol.js';

export interface ProbeOptions {
  /** For the whole test: connection, TLS and headers. */
  timeoutMs?: number;
  now?: () => number;
}

const DEFAULT_TIMEOUT_MS = 8_000;
const MeAnswer = z.object({ agent: z.object({ id: z.string() }) });

/** Error codes by what they mean to the person; undici and Node put them on the error or its cause. */
const WRONG_ADDRESS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
const TIMEOUT = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|EPROTO$|HOSTNAME_MISMATCH)/;

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let e: unknown = error;
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  return codes;
}

export function classifyProbeError(error: unknown): { outcome: ProbeOutcome; detail: string } {
  const codes = errorCodes(error);
  const detail = codes[0] ?? (error instanceof Error ? error.message : String(error));
  if (codes.some((c) => TLS_CODE.test(c))) return { outcome: 'tls', detail };
  if (codes.some((c) => TIMEOUT.has(c)) || (error instanceof Error && error.name === 'TimeoutError'))
    return { outcome: 'timeout', detail };
  if (codes.some((c) => WRONG_ADDRESS.has(c))) return { outcome: 'wrong-address', detail };
  return { outcome: 'wrong-address', detail };
}

/** `baseUrl` has been checked as http(s) by the contract's schema. */
export async function probeBackend(baseUrl: string, opts: ProbeOptions = {}): Promise<BackendProbe> {
  const now = opts.now ?? (() => Date.now());
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = now();
  const done = (outcome: ProbeOutcome, detail: string): BackendProbe => ({
    outcome,
    detail,
    elapsedMs: Math.round(now() - started),
  });
  try {
    const answer = await request(`${baseUrl}${PATHS.me}`, {
      method: 'GET',
      headers: { accept: 'application/json' },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await answer.body.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: not a Support Console backend
    }
    const status = answer.statusCode;
    if ((status === 401 && ApiError.safeParse(json).success) || (status === 200 && MeAnswer.safeParse(json).success))
      return done('reachable', `HTTP ${String(status)}`);
    return done('not-console', `HTTP ${String(status)}${json === null ? ', not JSON' : ''}`);
  } catch (error) {
    const { outcome, detail } = classifyProbeError(error);
    return done(outcome, detail);
  }
}
