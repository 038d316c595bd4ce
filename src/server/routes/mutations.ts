/**
 * POST routes of every entry in MUTATIONS. Order of checks: token and role
 * (401/403), Idempotency-Key (400), Sync-Cursor (400), body (400), then in
 * one transaction: idempotency lookup, the history check of Sync-Cursor
 * (409 history_diverged), the rule, the writes and the stored answer. Rule
 * refusals (404/409/422) are stored too, so a replay gets the first answer
 * even when it was a refusal.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { canonicalJson } from '../../shared/canonical-json.js';
import { MUTATIONS } from '../../shared/mutations.js';
import type { MutationName } from '../../shared/mutations.js';
import type { EntityKind } from '../../shared/entities.js';
import { API_PREFIX, HISTORY_DIVERGED, SYNC_CURSOR_HEADER } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { HttpError, invalidBody } from '../http/errors.js';
import { MUTATION_HANDLERS } from '../rules/index.js';
import type { MutationContext, Touched } from '../rules/index.js';
import { decodeCursor, inHistory } from '../store/cursor.js';
import type { Cursor } from '../store/cursor.js';
import { IdempotencyStore } from '../store/idempotency.js';
import type { StoredAnswer } from '../store/idempotency.js';
import type { RecordWriter } from '../store/records.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The record each mutation's :id names: a rule refusal (422) carries it as `current`, like a 409. */
const TARGET_KIND: Record<MutationName, EntityKind> = {
  recategorise: 'ticket',
  assign: 'ticket',
  setStatus: 'ticket',
  reply: 'ticket',
  merge: 'ticket',
  escalate: 'ticket',
  decideRecovery: 'recovery',
  recordDocumentView: 'recovery',
  scheduleCallback: 'ticket',
  rescheduleCallback: 'callback',
  closeCallback: 'callback',
};

/**
 * A refused action leaves the console showing the agent's optimistic state;
 * with the record as it is now it can revert at once instead of waiting for
 * the next pull. Read after the rule's savepoint rolled back: the current state.
 */
async function withCurrent(w: RecordWriter, name: MutationName, id: string, err: HttpError): Promise<HttpError> {
  if (err.status !== 422 || err.extra.current !== undefined) return err;
  const current = await w.get(TARGET_KIND[name], id);
  return current === undefined ? err : new HttpError(422, err.reason, err.message, { ...err.extra, current });
}

function idempotencyKey(raw: string | string[] | undefined): string {
  const key = Array.isArray(raw) ? undefined : raw;
  if (key === undefined || key.length < 1 || key.length > 200) {
    throw new HttpError(400, 'idempotency_key_required', 'Header Idempotency-Key (1 to 200 characters) is required.', {
      fields: { 'Idempotency-Key': 'required, 1 to 200 characters' },
    });
  }
  return key;
}

/** The cursor the client's cache stood at when the action was made; absent for clients that keep no feed. */
function syncCursor(raw: string | string[] | undefined): Cursor | null {
  if (raw === undefined) return null;
  const cursor = typeof raw === 'string' ? decodeCursor(raw) : null;
  if (cursor === null) {
    throw new HttpError(400, 'bad_cursor', `Header ${SYNC_CURSOR_HEADER} is not a cursor this server handed out.`, {
      fields: { [SYNC_CURSOR_HEADER]: 'malformed' },
    });
  }
  return cursor;
}

function registerMutation(app: FastifyInstance, ctx: BackendContext, name: MutationName): void {
  const def = MUTATIONS[name];
  // Safe: the body is parsed by the schema of the same mutation the handler belongs to.
  const schema = def.body as z.ZodType;
  const handler = MUTATION_HANDLERS[name] as (c: MutationContext, id: string, body: unknown) => Promise<Touched>;

  app.post<{ Params: { id: string } }>(API_PREFIX + def.path, { config: { faults: true } }, async (request, reply) => {
    const principal = await ctx.auth.requireAgent(request, def.role);
    const key = idempotencyKey(request.headers['idempotency-key']);
    const seen = syncCursor(request.headers[SYNC_CURSOR_HEADER.toLowerCase()]);
    const parsed = schema.safeParse(request.body);
    if (!parsed.success) throw invalidBody(parsed.error);
    const id = request.params.id;
    const requestHash = createHash('sha256')
      .update(`${name}\n${id}\n${canonicalJson(request.body)}`)
      .digest('hex');

    // Everything from the idempotency lookup on runs in the write transaction, after its first statement:
    // a retry racing the first attempt (on another backend process too) waits and gets its stored answer.
    const answer = await ctx.records.write(async (w): Promise<StoredAnswer> => {
      const prior = await IdempotencyStore.get(w.tx, principal.login, key);
      if (prior) {
        if (prior.requestHash === requestHash) return prior;
        const reused = new HttpError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different request.',
        );
        return { requestHash, status: 422, body: JSON.stringify(reused.body()) };
      }
      let result: StoredAnswer;
      // Made on records of another history (a cursor from before anchors says nothing, and passes): the
      // record with this id may be another one altogether. Stored like a rule's refusal, so a replay never
      // applies it either.
      if (seen !== null && seen.x !== undefined && !(await inHistory(seen, w))) {
        const diverged = new HttpError(
          409,
          HISTORY_DIVERGED,
          'The action was made on data of another history of this server (restored from an older copy, or replaced); it was not applied.',
          { fields: { [SYNC_CURSOR_HEADER]: 'not in this history' } },
        );
        result = { requestHash, status: 409, body: JSON.stringify(diverged.body()) };
        await IdempotencyStore.put(w.tx, principal.login, key, result, ctx.now());
        return result;
      }
      try {
        // A savepoint: a refusal undoes any partial write but keeps the stored answer.
        const touched = await w.savepoint(() =>
          handler(
            {
              records: w,
              db: w.tx,
              agentId: principal.agentId,
              now: ctx.now(),
              documentRetentionMs: ctx.documentRetentionMs,
            },
            id,
            parsed.data,
          ),
        );
        result = { requestHash, status: 200, body: `{"changes":[${touched.join(',')}]}` };
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        const answer = await withCurrent(w, name, id, err);
        result = { requestHash, status: answer.status, body: JSON.stringify(answer.body()) };
      }
      await IdempotencyStore.put(w.tx, principal.login, key, result, ctx.now());
      return result;
    });
    return reply.code(answer.status).type(JSON_TYPE).send(answer.body);
  });
}

export function registerMutationRoutes(app: FastifyInstance, ctx: BackendContext): void {
  for (const name of Object.keys(MUTATIONS) as MutationName[]) registerMutation(app, ctx, name);
}
