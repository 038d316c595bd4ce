/**
 * Server-Sent Events hub for GET /v1/events. Commits are coalesced (debounced)
 * into one `changes` event carrying the live cursor at the new head; a
 * comment line every heartbeatMs lets clients and proxies tell a quiet
 * channel from a dead one.
 *
 * Each client hears only of commits that touched a kind of its scope, and
 * gets the head cursor of its own scope: a verifier's decision does not wake
 * an agent's console, nor tell it that a recovery request moved.
 */
import type { ServerResponse } from 'node:http';
import type { EntityKind } from '../shared/entities.js';
import { inScope } from './store/scope.js';
import type { FeedScope } from './store/scope.js';

interface Client {
  res: ServerResponse;
  scope: FeedScope;
  heartbeat: NodeJS.Timeout;
}

export class PushHub {
  private readonly clients = new Set<Client>();
  private debounce: NodeJS.Timeout | null = null;
  /** Kinds committed since the last event. */
  private pending = new Set<EntityKind>();
  private closed = false;

  constructor(
    /** The live cursor at the head for a scope's mask. */
    private readonly headCursor: (mask: number) => string,
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
  attach(res: ServerResponse, scope: FeedScope, stillAllowed: () => boolean = () => true): void {
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
    res.write(`retry: 1000\n\n${this.event(scope)}`);
    const client: Client = {
      res,
      scope,
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

  /** A commit touched these kinds; the clients whose scope holds one hear about it once per debounce window. */
  notify(kinds: Iterable<EntityKind>): void {
    if (this.closed) return;
    for (const kind of kinds) this.pending.add(kind);
    if (this.debounce !== null) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      const touched = [...this.pending];
      this.pending = new Set();
      for (const c of this.clients) {
        if (touched.some((kind) => inScope(c.scope, kind))) c.res.write(this.event(c.scope));
      }
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

  private event(scope: FeedScope): string {
    return `event: changes\ndata: ${JSON.stringify({ head: this.headCursor(scope.mask) })}\n\n`;
  }
}
