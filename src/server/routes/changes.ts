/** GET /v1/changes: the paged change feed (see store/feed.ts for the order). */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PATHS } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { CONSOLE_ROLES } from '../http/auth.js';
import { HttpError } from '../http/errors.js';
import { decodeCursor } from '../store/cursor.js';
import type { Cursor } from '../store/cursor.js';

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

function parseCursor(raw: unknown, head: number): Cursor | null {
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
  return cursor;
}

export function registerChangeRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.get(PATHS.changes, { config: { faults: true } }, (request, reply) => {
    ctx.auth.require(request, CONSOLE_ROLES);
    const query = request.query as Record<string, unknown>;
    const limit = parseLimit(query.limit);
    const head = ctx.records.headSeq;
    const cursor = parseCursor(query.cursor, head) ?? ctx.feed.startCursor(head, ctx.records.totalRecords());
    const page = ctx.feed.page(cursor, limit);
    return reply.type('application/json; charset=utf-8').send(page.body);
  });
}
