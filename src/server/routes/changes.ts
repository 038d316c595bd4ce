/** GET /v1/changes: the paged change feed (see store/feed.ts for the order). */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_PAGE_SIZE, HISTORY_DIVERGED, MAX_PAGE_SIZE, PATHS } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { CONSOLE_ROLES } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { cursorSeq, decodeCursor, inHistory } from '../store/cursor.js';
import type { Cursor } from '../store/cursor.js';
import { feedScopeOf } from '../store/scope.js';
import type { FeedScope } from '../store/scope.js';
import type { RecordStore } from '../store/records.js';

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

async function parseCursor(raw: unknown, records: RecordStore, scope: FeedScope): Promise<Cursor | null> {
  if (raw === undefined || raw === '') return null;
  const cursor = typeof raw === 'string' ? decodeCursor(raw) : null;
  if (!cursor) {
    throw new HttpError(400, 'bad_cursor', 'The cursor is not one this server handed out; start a new bootstrap.', {
      fields: { cursor: 'malformed' },
    });
  }
  // Handed out before cursors carried their history anchor: nothing says which history it resumes.
  if (cursor.x === undefined) {
    throw new HttpError(
      400,
      'bad_cursor',
      'The cursor does not say which history it belongs to; start a new bootstrap.',
      {
        fields: { cursor: 'no history anchor' },
      },
    );
  }
  // Not this database's anchor at that seq (or a seq past its head): the database was restored from an
  // older copy or replaced, and what the client holds up to its cursor is not this history. Resuming would
  // keep those records silently.
  if (!(await inHistory(cursor, records))) {
    const ahead = cursorSeq(cursor) > (await records.headSeq());
    throw new HttpError(
      410,
      HISTORY_DIVERGED,
      "The cursor belongs to another history of this server's data (restored from an older copy, or replaced): empty the cache and start a new bootstrap.",
      { fields: { cursor: ahead ? 'ahead of the server head' : 'not in this history' } },
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

/** A new bootstrap's cursor: the head and the scope's records at that head (its progress total). */
async function startCursor(ctx: BackendContext, scope: FeedScope): Promise<Cursor> {
  const { head, total } = await ctx.records.bootstrapStart(scope.kinds);
  return ctx.feed.startCursor(head, total, scope);
}

export function registerChangeRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.get(PATHS.changes, { config: { faults: true } }, async (request, reply) => {
    const principal = await ctx.auth.require(request, CONSOLE_ROLES);
    // Read from the agent record on every call (http/auth.ts): a withdrawn role applies at the next page.
    const scope = feedScopeOf(principal.roles);
    const query = request.query as Record<string, unknown>;
    const limit = parseLimit(query.limit);
    const cursor = (await parseCursor(query.cursor, ctx.records, scope)) ?? (await startCursor(ctx, scope));
    const page = await ctx.feed.page(cursor, limit, scope);
    return reply.type('application/json; charset=utf-8').send(page.body);
  });
}
