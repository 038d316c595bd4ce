/**
 * Server-Sent Events hub for GET /v1/events. Commits are coalesced (debounced)
 * into one `changes` event carrying the live cursor at the new head; a
 * comment line every heartbeatMs lets clients and proxies tell a quiet
 * channel from a dead one.
 */
import type { ServerResponse } from 'node:http';

interface Client {
  res: ServerResponse;
  heartbeat: NodeJS.Timeout;
}

export class PushHub {
  private readonly clients = new Set<Client>();
  private debounce: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly headCursor: () => string,
    private readonly debounceMs: number,
    private readonly heartbeatMs: number,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  /**
   * Takes over a raw response: SSE headers, the current head at once, then
   * events until the client leaves, or until `stillAllowed` says no at a
   * heartbeat (its token expired or its session ended): the client then
   * reconnects and hears why.
   */
  attach(res: ServerResponse, stillAllowed: () => boolean = () => true): void {
    if (this.closed) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Disables response buffering in nginx-style proxies a provider may put in front.
      'x-accel-buffering': 'no',
    });
    // The first event tells a reconnecting client where the head is, so it can pull what it missed.
    res.write(`retry: 1000\n\n${this.event()}`);
    const client: Client = {
      res,
      heartbeat: setInterval(() => {
        if (stillAllowed()) {
          res.write(': heartbeat\n\n');
          return;
        }
        this.detach(client);
        res.end();
      }, this.heartbeatMs),
    };
    this.clients.add(client);
    res.on('close', () => {
      this.detach(client);
    });
  }

  /** A commit happened; clients hear about it once per debounce window. */
  notify(): void {
    if (this.closed || this.debounce !== null) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      const text = this.event();
      for (const c of this.clients) c.res.write(text);
    }, this.debounceMs);
  }

  closeAll(): void {
    this.closed = true;
    if (this.debounce !== null) clearTimeout(this.debounce);
    this.debounce = null;
    for (const c of [...this.clients]) {
      this.detach(c);
      c.res.end();
    }
  }

  private detach(client: Client): void {
    clearInterval(client.heartbeat);
    this.clients.delete(client);
  }

  private event(): string {
    return `event: changes\ndata: ${JSON.stringify({ head: this.headCursor() })}\n\n`;
  }
}
