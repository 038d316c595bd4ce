/**
 * Changes made "by someone else" (the backoffice, another agent): tests use
 * these to change the backend under a running client. Each write bumps
 * version and seq like any other and triggers a push. Throws plain Errors:
 * a test calling these wrongly should fail loudly.
 */
import { ENTITY_KINDS } from '../shared/entities.js';
import type { EntityKind, EntityTypes, Ticket } from '../shared/entities.js';
import { PRIORITIES, ROLES } from '../shared/entities.js';
import { notFound } from './http/errors.js';
import { computeChecksums } from './store/checksums.js';
import type { Checksums } from './store/checksums.js';
import { liveCursor } from './store/cursor.js';
import { feedScopeOf } from './store/scope.js';
import type { RecordStore, RecordWriter } from './store/records.js';

export interface PerformedReset {
  recoveryId: string;
  accountId: string;
  resetEmail: string;
  agentId: string;
  performedAt: string;
}

export class BackendAdmin {
  /** Where bulkUpdateTickets goes on: benchmarks only, so kept in this process. */
  private bulkAfter = 0;

  constructor(
    private readonly records: RecordStore,
    private readonly now: () => Date,
  ) {}

  /** The live cursor at the current head for these roles (default: every console role): a client holding it has everything. */
  async head(roles: readonly string[] = ROLES): Promise<string> {
    const head = await this.records.headSeq();
    return liveCursor(head, feedScopeOf(roles).mask, await this.records.anchorAt(head));
  }

  get<K extends EntityKind>(kind: K, id: string): Promise<EntityTypes[K] | undefined> {
    return this.records.get(kind, id);
  }

  updateTicket(id: string, patch: Partial<Ticket>): Promise<Ticket> {
    return this.records.write(async (w) => {
      // Looked up inside the write: a ticket deleted by another process a moment before is a 404, not a 500.
      const t = await w.get('ticket', id);
      if (!t) throw notFound(`Ticket ${id}`);
      const next: Ticket = { ...t, ...patch, id, version: t.version + 1, updatedAt: this.now().toISOString() };
      await w.put('ticket', next);
      return next;
    });
  }

  async recategorise(id: string, categoryId: string): Promise<Ticket> {
    if (!(await this.records.get('category', categoryId))) throw notFound(`Category ${categoryId}`);
    return this.updateTicket(id, { categoryId });
  }

  /** Deletes a record (a ticket takes its messages and callbacks along); false when it did not exist. */
  deleteRecord(kind: EntityKind, id: string): Promise<boolean> {
    return this.records.write(async (w) => (await w.remove(kind, id)).length > 0);
  }

  createTicket(partial: Partial<Ticket> = {}): Promise<Ticket> {
    return this.records.write(async (w) => {
      const now = this.now().toISOString();
      const categoryId =
        partial.categoryId ??
        (await w.tx.get<{ id: string }>('SELECT id FROM rec_category ORDER BY rid LIMIT 1'))?.id ??
        'general';
      const ticket: Ticket = {
        id: await w.newId('ticket'),
        accountId: null,
        channel: 'portal',
        categoryId,
        subject: 'Created by the backoffice',
        body: 'Created by a test through BackendAdmin.createTicket.',
        status: 'new',
        priority: 'normal',
        requesterName: 'Test Customer',
        requesterEmail: 'customer@example.com',
        language: 'fr',
        callbackPhone: null,
        attachments: [],
        assigneeId: null,
        duplicateOfId: null,
        level: 1,
        createdAt: now,
        ...partial,
        version: partial.version ?? 1,
        updatedAt: now,
      };
      await w.put('ticket', ticket);
      return ticket;
    });
  }

  /** Stores data as given, even invalid, with a new seq: for testing that clients validate. */
  async writeUnchecked(kind: EntityKind, id: string, data: object): Promise<void> {
    if (!ENTITY_KINDS.includes(kind)) throw new Error(`admin.writeUnchecked: unknown kind ${kind}`);
    await this.records.write(async (w) => {
      const claimed = (data as { version?: unknown }).version;
      const previous = (await w.getRaw(kind, id)) as { version?: unknown } | undefined;
      const version =
        typeof claimed === 'number' && Number.isInteger(claimed)
          ? claimed
          : (typeof previous?.version === 'number' ? previous.version : 0) + 1;
      await w.putUnchecked(kind, id, data, version);
    });
  }

  /**
   * Makes `count` ticket changes in one transaction (benchmarks: "someone
   * else" is busy). Walks the tickets round-robin and rotates the priority.
   */
  async bulkUpdateTickets(count: number): Promise<{ updated: number; head: string }> {
    const updated = await this.records.write(async (w) => {
      let done = 0;
      let after = this.bulkAfter;
      const now = this.now().toISOString();
      while (done < count) {
        const rows = await w.tx.all<{ rid: number; id: string }>(
          'SELECT rid, id FROM rec_ticket WHERE rid > ? ORDER BY rid LIMIT ?',
          [after, Math.min(1000, count - done)],
        );
        if (rows.length === 0) {
          if (after === 0) break; // no tickets at all
          after = 0;
          continue;
        }
        for (const row of rows) {
          after = row.rid;
          const t = await this.validTicket(w, row.id);
          if (!t) continue;
          const priority = PRIORITIES[(PRIORITIES.indexOf(t.priority) + 1) % PRIORITIES.length] ?? 'normal';
          await w.put('ticket', { ...t, priority, version: t.version + 1, updatedAt: now });
          done++;
        }
      }
      this.bulkAfter = after;
      return done;
    });
    return { updated, head: await this.head() };
  }

  /** Tickets stored through writeUnchecked may be invalid; bulk updates skip them. */
  private async validTicket(w: RecordWriter, id: string): Promise<Ticket | undefined> {
    try {
      return await w.get('ticket', id);
    } catch {
      return undefined;
    }
  }

  checksums(): Promise<Checksums> {
    return computeChecksums(this.records.db);
  }

  /** Resets performed by approvals, oldest first. */
  resets(): Promise<PerformedReset[]> {
    return this.records.db.all<PerformedReset>(
      `SELECT recovery_id AS "recoveryId", account_id AS "accountId", reset_email AS "resetEmail",
              agent_id AS "agentId", performed_at AS "performedAt" FROM reset ORDER BY id`,
    );
  }
}
