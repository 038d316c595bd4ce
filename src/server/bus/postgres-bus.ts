/**
 * The message bus over PostgreSQL's LISTEN/NOTIFY: one listening connection
 * per backend process, one channel. NOTIFY reaches every session listening at
 * commit time, in commit order, the sender's included; a session that was
 * disconnected misses what was sent meanwhile, so after a reconnect the
 * subscribers hear `onGap` (the push hub then tells every console to pull).
 */
import pg from 'pg';
import type { BusTopic, MessageBus } from './bus.js';

const CHANNEL = 'support_console_bus';
const TOPICS: readonly BusTopic[] = ['changes', 'presence'];

function isTopic(value: unknown): value is BusTopic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value);
}

export interface PostgresBusOptions {
  url: string;
  /** First wait before reconnecting the listener; doubles up to 5 s. Default 100 ms. */
  retryMs?: number;
}

export class PostgresBus implements MessageBus {
  private readonly listeners = new Map<BusTopic, Set<(body: unknown) => void>>();
  private readonly gapListeners = new Set<() => void>();
  private listener: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly opts: PostgresBusOptions,
  ) {}

  /** Connects the listening session before resolving: nothing published after it is missed. */
  static async start(pool: pg.Pool, opts: PostgresBusOptions): Promise<PostgresBus> {
    const bus = new PostgresBus(pool, opts);
    await bus.listen();
    return bus;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url });
    client.on('notification', (msg) => {
      this.deliver(msg.payload);
    });
    client.on('error', () => {
      this.reconnect(client, 0);
    });
    client.on('end', () => {
      this.reconnect(client, 0);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private deliver(payload: string | undefined): void {
    let message: unknown;
    try {
      message = JSON.parse(payload ?? '');
    } catch {
      return; // not ours: another program notified on the channel
    }
    if (typeof message !== 'object' || message === null) return;
    const { topic, body } = message as { topic?: unknown; body?: unknown };
    if (!isTopic(topic)) return;
    for (const listener of this.listeners.get(topic) ?? []) listener(body);
  }

  private reconnect(lost: pg.Client, attempt: number): void {
    if (this.closed || (this.listener !== lost && this.listener !== null) || this.retryTimer) return;
    this.listener = null;
    void lost.end().catch(() => undefined);
    const wait = Math.min(5000, (this.opts.retryMs ?? 100) * 2 ** attempt);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      this.listen().then(
        () => {
          for (const gap of this.gapListeners) gap();
        },
        () => {
          this.reconnect(lost, attempt + 1);
        },
      );
    }, wait);
    this.retryTimer.unref();
  }

  async publish(topic: BusTopic, body: unknown): Promise<void> {
    if (this.closed) return;
    await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ topic, body })]);
  }

  subscribe(topic: BusTopic, listener: (body: unknown) => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onGap(listener: () => void): () => void {
    this.gapListeners.add(listener);
    return () => this.gapListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.listeners.clear();
    this.gapListeners.clear();
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }
}
