/**
 * Answers of mutations by (principal, Idempotency-Key), with a hash of the
 * request, so a retried action is answered with the first answer byte for
 * byte and runs once. Written in the same transaction as the mutation.
 */
import type { Database } from 'better-sqlite3';

export interface StoredAnswer {
  requestHash: string;
  status: number;
  body: string;
}

export class IdempotencyStore {
  constructor(private readonly db: Database) {}

  get(principal: string, key: string): StoredAnswer | undefined {
    return this.db
      .prepare<[string, string], StoredAnswer>(
        'SELECT request_hash AS requestHash, status, body FROM idempotency WHERE principal = ? AND key = ?',
      )
      .get(principal, key);
  }

  put(principal: string, key: string, answer: StoredAnswer, now: Date): void {
    this.db
      .prepare(
        'INSERT INTO idempotency (principal, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(principal, key, answer.requestHash, answer.status, answer.body, now.toISOString());
  }
}
