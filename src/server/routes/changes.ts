/** GET /v1/changes: the paged change feed (see store/feed.ts for the order). */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PATHS } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { CONSOLE_ROLES } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { decodeCursor } from '../store/cursor.js';
import type { Cursor } from '../store/cursor.js';
import { feedScopeOf } from '../store/scope.js';
import type { FeedScope } from '../store/scope.js';

function parseLimit(raw: unknown): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const n = typeof raw === 'string' && /^[0-9]{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_PAGE_SIZE)) {
    throw new HttpError(400, 'bad_limit', `limit must be an integer from 1 to ${MAX_PAGE_SIZE}.`, {
      fields: { limit: `an integer from 1 to ${MAX_PAGE_SIZE}` },
    });
  }
  return n;
}

function parseCursor(raw: unknown, head: number, scope: FeedScope): Cursor | null {
  if (raw === undefined || raw === '') return null;
  const cursor = typeof raw === 'string' ? decodeCursor(raw) : null;
  if (!cursor) {
    throw new HttpError(400, 'bad_cursor', 'The cursor is not one this server handed out; start a new bootstrap.', {
      fields: { cursor: 'malformed' },
    });
  }
  // Ahead of the head means another database (reset or replaced): resuming would silently miss everything.
  if ((cursor.p === 'l' ? cursor.s : cursor.h) > head) {
    throw new HttpError(
      400,
      'bad_cursor',
      'The cursor is ahead of this server; its data was reset. Start a new bootstrap.',
      {
        fields: { cursor: 'ahead of the server head' },
      },
    );
  }
  // Minted for other roles: the client's cache may hold records its person may no longer see (or lack
  // those they may see now, which a resumed snapshot would skip). Only a fresh bootstrap is right.
  if (cursor.m !== scope.mask) {
    throw new HttpError(
      400,
      'bad_cursor',
      'The cursor was handed out for other roles than yours; empty the cache and start a new bootstrap.',
      { fields: { cursor: 'minted for another role scope' } },
    );
  }
  return cursor;
}

export function registerChangeRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.get(PATHS.changes, { config: { faults: true } }, (request, reply) => {
    const principal = ctx.auth.require(request, CONSOLE_ROLES);
    // Read from the agent record on every call (http/auth.ts): a withdrawn role applies at the next page.
    const scope = feedScopeOf(principal.roles);
    const query = request.query as Record<string, unknown>;
    const limit = parseLimit(query.limit);
    const head = ctx.records.headSeq;
    const cursor =
      parseCursor(query.cursor, head, scope) ??
      ctx.feed.startCursor(head, ctx.records.totalRecords(scope.kinds), scope);
    const page = ctx.feed.page(cursor, limit, scope);
    return reply.type('application/json; charset=utf-8').send(page.body);
  });
}
