/**
 * Fault injection for the feed, documents and mutations (never login or
 * push): what a flaky network or an overloaded helpdesk does to a client.
 * Random choices come from a seeded PRNG, so a run with the same seed and
 * the same request order fails the same way.
 *
 * Faults act on the answer after the handler ran: a mutation whose answer is
 * replaced by a 500 or dropped has still happened, which is exactly the case
 * idempotency keys exist for.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route answers are subject to fault injection. */
    faults?: boolean;
  }
}

export interface FaultConfig {
  /** Added before each answer. */
  latencyMs: number;
  /** Share (0..1) of answers replaced by a 503 (Retry-After: 0) or a 500. */
  errorRate: number;
  /** Share of requests whose socket is destroyed before any byte of the answer. */
  dropRate: number;
  /** Share of answers cut off: headers and part of the body, then the socket is destroyed. */
  truncateRate: number;
  /** When > 0, bodies are written at this rate. */
  trickleBytesPerSecond: number;
  /** PRNG seed; setting it restarts the sequence. */
  seed: number;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  errorRate: 0,
  dropRate: 0,
  truncateRate: 0,
  trickleBytesPerSecond: 0,
  seed: 1,
};

/** mulberry32: tiny, fast, good enough to pick which answer fails. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultAction =
  { kind: 'none' } | { kind: 'drop' } | { kind: 'error'; status: 500 | 503 } | { kind: 'truncate'; share: number };

export class FaultInjector {
  private config: FaultConfig = { ...NO_FAULTS };
  private random = prng(NO_FAULTS.seed);

  constructor(initial: Partial<FaultConfig> = {}) {
    this.set(initial);
  }

  get current(): FaultConfig {
    return { ...this.config };
  }

  set(patch: Partial<FaultConfig>): void {
    this.config = { ...this.config, ...patch };
    if (patch.seed !== undefined) this.random = prng(this.config.seed);
  }

  /** Draws the fate of one answer. Always draws the same count of numbers, so one rate does not shift another. */
  decide(): FaultAction {
    const [d, e, kind, t, share] = [this.random(), this.random(), this.random(), this.random(), this.random()];
    if (d < this.config.dropRate) return { kind: 'drop' };
    if (e < this.config.errorRate) return { kind: 'error', status: kind < 0.5 ? 503 : 500 };
    if (t < this.config.truncateRate) return { kind: 'truncate', share: 0.1 + share * 0.8 };
    return { kind: 'none' };
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function destroySocket(reply: FastifyReply): void {
  reply.raw.socket?.destroy();
}

/** A body stream that writes `first` bytes, then kills the connection (the client sees a short body). */
function truncatedBody(reply: FastifyReply, bytes: Buffer, share: number): Readable {
  const cut = Math.max(1, Math.min(bytes.length - 1, Math.floor(bytes.length * share)));
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(bytes.subarray(0, cut));
        return;
      }
      // Give the first chunk time to leave the socket before cutting it.
      setTimeout(() => {
        destroySocket(reply);
      }, 20).unref();
    },
  });
}

/** A body stream paced at `bytesPerSecond`, in 10 chunks a second. */
function trickledBody(bytes: Buffer, bytesPerSecond: number): Readable {
  const chunk = Math.max(1, Math.floor(bytesPerSecond / 10));
  let offset = 0;
  let timer: NodeJS.Timeout | null = null;
  return new Readable({
    read() {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        const end = Math.min(bytes.length, offset + chunk);
        this.push(bytes.subarray(offset, end));
        offset = end;
        if (offset >= bytes.length) this.push(null);
      }, 100);
    },
    destroy(err, callback) {
      if (timer !== null) clearTimeout(timer);
      callback(err);
    },
  });
}

/** Applies faults to every route registered with `config: { faults: true }`. */
export function installFaults(app: FastifyInstance, faults: FaultInjector): void {
  app.addHook('onSend', async (request, reply, payload: unknown) => {
    if (request.routeOptions.config.faults !== true) return payload;
    const config = faults.current;
    const action = faults.decide();
    if (config.latencyMs > 0) await sleep(config.latencyMs);
    if (action.kind === 'drop') {
      destroySocket(reply);
      return payload;
    }
    if (action.kind === 'error') {
      for (const h of ['content-length', 'content-disposition', 'x-content-sha256']) reply.removeHeader(h);
      void reply.code(action.status).header('content-type', 'application/json; charset=utf-8');
      if (action.status === 503) void reply.header('retry-after', '0');
      return JSON.stringify({
        error: { reason: 'injected_fault', message: `Fault injection: answer replaced by ${action.status}.` },
      });
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    if (action.kind === 'truncate') {
      void reply.header('content-length', String(bytes.length));
      return truncatedBody(reply, bytes, action.share);
    }
    if (config.trickleBytesPerSecond > 0) {
      void reply.header('content-length', String(bytes.length));
      return trickledBody(bytes, config.trickleBytesPerSecond);
    }
    return payload;
  });
}
