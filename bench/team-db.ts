/**
 * The benchmark's own door into the backend's database, beside the backend
 * processes: the bare write limit (the same writes the agents make, straight
 * through the record store: no HTTP, no sign-in, no idempotency, no rules),
 * the seeded logins to run consoles as, and, after the run, the feed
 * position of each reply the agents wrote (for the push figure).
 */
import { CATEGORY_IDS } from '../src/server/seed/vocab.js';
import { BackendAdmin } from '../src/server/admin.js';
import { openStorage } from '../src/server/storage.js';
import type { Storage } from '../src/server/storage.js';
import { RecordStore } from '../src/server/store/records.js';
import type { Role } from '../src/shared/entities.js';

export interface StorageTarget {
  dbPath?: string;
  databaseUrl?: string;
}

export interface SeededLogin {
  login: string;
  agentId: string;
  roles: Role[];
}

export interface TeamDb {
  logins(): Promise<SeededLogin[]>;
  /** Writes as many recategorisations as it can for `seconds`, `inFlight` at a time: writes per second. */
  bareWriteRate(seconds: number, inFlight: number, ticketCount: number): Promise<{ writes: number; seconds: number }>;
  /** The seq of each message id (a message is written once: its row's seq is its commit's). */
  messageSeqs(ids: readonly string[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export async function openTeamDb(target: StorageTarget): Promise<TeamDb> {
  const storage: Storage = await openStorage(target);
  const store = await RecordStore.open(storage.db);
  const admin = new BackendAdmin(store, () => new Date());
  return {
    async logins() {
      const rows = await storage.db.all<{ login: string; agent_id: string; data: string }>(
        `SELECT c.login, c.agent_id, a.data FROM credential c JOIN rec_agent a ON a.id = c.agent_id ORDER BY c.agent_id`,
      );
      return rows.map((r) => ({
        login: r.login,
        agentId: r.agent_id,
        roles: (JSON.parse(r.data) as { roles: Role[] }).roles,
      }));
    },
    async bareWriteRate(seconds, inFlight, ticketCount) {
      let writes = 0;
      let i = 0;
      const t0 = performance.now();
      const until = t0 + seconds * 1000;
      const lane = async (): Promise<void> => {
        while (performance.now() < until) {
          i += 1;
          // Spread over the tickets as the agents' actions are, so no two lanes wait on one row.
          const id = String(1 + ((i * 7919) % ticketCount));
          await admin.recategorise(id, CATEGORY_IDS[i % CATEGORY_IDS.length] ?? 'general');
          writes += 1;
        }
      };
      await Promise.all(Array.from({ length: inFlight }, lane));
      return { writes, seconds: (performance.now() - t0) / 1000 };
    },
    async messageSeqs(ids) {
      const out = new Map<string, number>();
      for (let at = 0; at < ids.length; at += 500) {
        const chunk = ids.slice(at, at + 500);
        const rows = await storage.db.all<{ id: string; seq: number | string }>(
          `SELECT id, seq FROM rec_message WHERE id IN (${chunk.map(() => '?').join(', ')})`,
          chunk,
        );
        for (const r of rows) out.set(r.id, Number(r.seq));
      }
      return out;
    },
    close: () => storage.close(),
  };
}
