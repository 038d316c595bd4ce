/**
 * Calls that need the backend's answer now rather than through the outbox:
 * a verifier's decision ("the first decision wins" must be told to the
 * person who lost), a callback booking (409 when the slot was taken
 * meanwhile), and downloading a document. They run in the engine (the
 * worker holds the token and is the cache's single writer): on 200 the
 * answer's records are written to the cache at once.
 */
import { createHash } from 'node:crypto';
import { mutationPath } from '../../shared/mutations.js';
import type { MutationName } from '../../shared/mutations.js';
import { PATHS } from '../../shared/sync-protocol.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import { validChanges } from '../../shared/valid-changes.js';
import type { CacheWriter } from '../db/types.js';
import type { SyncEventListener } from './events.js';
import type { ApiClient } from './http.js';
import type { DownloadSource } from './worker-protocol.js';
import { withToken } from './with-token.js';
import type { TokenSource } from './with-token.js';

export interface DirectCall {
  mutation: MutationName;
  /** The record the mutation acts on (the :id of its path). */
  recordId: string;
  body: unknown;
  /** Chosen by the caller, so that a retry of the same decision replays instead of acting twice. */
  idempotencyKey: string;
}

export type DirectCallAnswer =
  | { ok: true; changes: ValidChange[] }
  /** The backend's refusal: 409 stale version or slot taken, 422 a rule, 403 a role; `current` = the record now. */
  | { ok: false; status: number; reason: string; message: string; current: unknown };

export interface DownloadedDocument {
  bytes: Uint8Array;
  /** What the backend says the bytes hash to (x-content-sha256), or null if it did not say. */
  declaredSha256: string | null;
  /** What they actually hash to. */
  sha256: string;
}

export interface DirectCallDeps {
  api: ApiClient;
  writer: CacheWriter;
  tokens: TokenSource;
  emit: SyncEventListener;
  signal: AbortSignal;
  /** The cache's feed cursor: the backend refuses a decision made on data of another history (409 history_diverged). */
  syncCursor: () => string | null;
}

export function createDirectCalls(deps: DirectCallDeps) {
  return {
    async call(c: DirectCall): Promise<DirectCallAnswer> {
      const path = mutationPath(c.mutation, c.recordId);
      const answer = await withToken(deps.tokens, (token) =>
        deps.api.mutate(token, path, c.body, c.idempotencyKey, deps.signal, deps.syncCursor()),
      );
      if (!('changes' in answer)) {
        return {
          ok: false,
          status: answer.status,
          reason: answer.error.reason,
          message: answer.error.message,
          current: answer.error.current ?? null,
        };
      }
      // An invalid record is left to the feed, which keeps it aside as a sync problem.
      const { valid } = validChanges(answer.changes);
      const applied = deps.writer.applyAnswer(valid);
      deps.emit({ type: 'changed', ids: applied.touched, many: [] });
      return { ok: true, changes: valid };
    },

    async download(
      documentId: string,
      maxBytes: number,
      source: DownloadSource = 'document',
    ): Promise<DownloadedDocument> {
      const path = source === 'attachment' ? PATHS.attachment(documentId) : PATHS.document(documentId);
      const got = await withToken(deps.tokens, (token) => deps.api.download(token, path, maxBytes, deps.signal));
      const sha256 = createHash('sha256').update(got.bytes).digest('hex');
      return { bytes: got.bytes, declaredSha256: got.declaredSha256, sha256 };
    },
  };
}

export type DirectCalls = ReturnType<typeof createDirectCalls>;
