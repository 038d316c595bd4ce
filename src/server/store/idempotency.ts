/**
 * Answers of mutations by (principal, Idempotency-Key), with a hash of the
 * request, so a retried action is answered with the first answer byte for
 * byte and runs once. Written in the same transaction as the mutation.
 */
import type { SqlSession } from '../db/sql.js';

export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: string;
}

/** Read and written inside the mutation's write transaction (`tx`), so a racing retry waits for the first answer. */
export const IdempotencyStore = {
  get(tx: SqlSession, principal: string, key: string): Promise<StoredAnswer | undefined> {
    return tx.get<StoredAnswer>(
      'SELECT request_hash AS "requestHash", status, body FROM idempotency WHERE principal = ? AND key = ?',
      [principal, key],
    );
  },

  async put(tx: SqlSession, principal: string, key: string, answer: StoredAnswer, now: Date): Promise<void> {
    await tx.run(
      'INSERT INTO idempotency (principal, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [principal, key, answer.requestHash, answer.status, answer.body, now.toISOString()],
    );
  },
};
