/** A minimal feed client for tests: applies pages with the version guard a real cache uses. */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.js';
import { ENTITY_KINDS } from '../../shared/entities.js';
import { ChangePage, PATHS, WireChange } from '../../shared/sync-protocol.js';
import type { Checksums } from '../store/checksums.js';
import { call } from './harness.js';

export class FeedClient {
  readonly records = new Map<string, { version: number; data: unknown }>();
  readonly pages: ChangePage[] = [];
  cursor: string | null = null;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  async next(limit = 500): Promise<ChangePage> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (this.cursor !== null) q.set('cursor', this.cursor);
    const answer = await call(this.url, 'GET', `${PATHS.changes}?${q.toString()}`, { token: this.token });
    if (answer.status !== 200) throw new Error(`changes: ${answer.status} ${answer.text}`);
    const page = ChangePage.parse(answer.body);
    for (const raw of page.changes) {
      const change = WireChange.parse(raw);
      const key = `${change.kind}:${change.id}`;
      if (change.op === 'delete') this.records.delete(key);
      else if ((this.records.get(key)?.version ?? 0) <= change.version) {
        this.records.set(key, { version: change.version, data: change.data });
      }
    }
    this.cursor = page.cursor;
    this.pages.push(page);
    return page;
  }

  /** Pulls until the feed says the client is at the head. */
  async drain(limit = 500, maxPages = 10_000): Promise<void> {
    for (let i = 0; i < maxPages; i++) if (!(await this.next(limit)).hasMore) return;
    throw new Error('drain: too many pages');
  }

  checksums(): Checksums {
    const out = {} as Checksums;
    for (const kind of ENTITY_KINDS) {
      const rows = [...this.records.entries()]
        .filter(([key]) => key.startsWith(`${kind}:`))
        .map(([key, r]) => [key.slice(kind.length + 1), canonicalJson(r.data)] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const hash = createHash('sha256').update(rows.map(([, json]) => json).join('\n'));
      out[kind] = { count: rows.length, sha256: hash.digest('hex') };
    }
    return out;
  }
}
