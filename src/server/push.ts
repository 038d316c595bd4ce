/**
 * Server-Sent Events hub for GET /v1/events. Commits are coalesced (debounced)
 * into one `changes` event carrying the live cursor at the new head; a
 * comment line every heartbeatMs lets clients and proxies tell a quiet
 * channel from a dead one.
 *
 * Each client hears only of commits that touched a kind of its scope, and
 * gets the head cursor of its own scope: a verifier's decision does not wake
 * an agent's console, nor tell it that a recovery request moved.
 *
 * Other events (presence, presence/hub.ts) go out through `broadcast`, to
 * the clients a filter picks by scope and by who they are.
 */
import type { ServerResponse } from 'node:http';
import type { EntityKind } from '../shared/entities.js';
import { inScope } from './store/scope.js';
import type { FeedScope } from './store/scope.js';

/** Who is at the other end of a stream, for events that depend on it (presence: never about oneself). */
export interface PushAudience {
  scope: FeedScope;
  /** Null for a login without an agent record. */
  agentId: string | null;
}

interface Client extends PushAudience {
  res: ServerResponse;
  open: boolean;
  heartbeat: NodeJS.Timeout;
}

/** One Server-Sent Event. */
export function sseEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

export class PushHub {
  private readonly clients = new Set<Client>();
  private debounce: NodeJS.Timeout | null = null;
  /** Kinds committed since the last event. */
  private pending = new Set<EntityKind>();
  private closed = false;
  /**
   * Writes to the streams, one after the other: the head is read from the
   * database (asynchronously), and a client must never get an older head
   * after a newer one.
   */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    /** The live cursor at the head for a scope's mask, read from the database. */
    private readonly headCursor: (mask: number) => Promise<string>,
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
  attach(
    res: ServerResponse,
    scope: FeedScope,
    stillAllowed: () => Promise<boolean> = () => Promise.resolve(true),
    who: { agentId: string | null; greeting?: (audience: PushAudience) => string } = { agentId: null },
  ): void {
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
    // What a newcomer needs to know beside the head (who is on which ticket now), at once; the head
    // event follows once read from the database (send), telling a reconnecting client what it missed.
    res.write(`retry: 1000\n\n${who.greeting?.({ scope, agentId: who.agentId }) ?? ''}`);
    const client: Client = {
      res,
      open: true,
      scope,
      agentId: who.agentId,
      heartbeat: setInterval(() => {
        void stillAllowed().then(
          (allowed) => {
            if (!client.open) return;
            if (allowed) {
              res.write(': heartbeat\n\n');
              return;
            }
            this.detach(client);
            res.end();
          },
          () => undefined, // the database is unreachable for now: the next heartbeat asks again
        );
      }, this.heartbeatMs),
    };
    this.clients.add(client);
    // The first event tells a reconnecting client where the head is, so it can pull what it missed.
    this.send([client]);
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
      this.send([...this.clients].filter((c) => touched.some((kind) => inScope(c.scope, kind))));
    }, this.debounceMs);
  }

  /** Writes a named event at once to every client `to` picks. */
  broadcast(name: string, data: unknown, to: (audience: PushAudience) => boolean): void {
    if (this.closed) return;
    const text = sseEvent(name, data);
    for (const c of this.clients) if (to(c)) c.res.write(text);
  }

  /** The head event to each client, after the events queued before it. */
  private send(clients: readonly Client[]): void {
    if (clients.length === 0) return;
    this.writes = this.writes.then(async () => {
      const cursors = new Map<number, string>();
      for (const c of clients) {
        if (!c.open) continue;
        let head = cursors.get(c.scope.mask);
        if (head === undefined) {
          head = await this.headCursor(c.scope.mask).catch(() => undefined);
          if (head === undefined) continue; // the database is unreachable: the client's next pull finds the head
          cursors.set(c.scope.mask, head);
        }
        if (this.clients.has(c)) c.res.write(sseEvent('changes', { head }));
      }
    });
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
    client.open = false;
    clearInterval(client.heartbeat);
    this.clients.delete(client);
  }
}
