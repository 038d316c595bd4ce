/**
 * Changes made "by someone else" (the backoffice, another agent): tests use
 * these to change the backend under a running client. Each write bumps
 * version and seq like any other and triggers a push. Throws plain Errors:
 * a test calling these wrongly should fail loudly.
 */
import { ENTITY_KINDS } from '../shared/entities.js';
import type { EntityKind, EntityTypes, Ticket } from '../shared/entities.js';
import { PRIORITIES, ROLES } from '../shared/entities.js';
import { computeChecksums } from './store/checksums.js';
import type { Checksums } from './store/checksums.js';
import { liveCursor } from './store/cursor.js';
import { feedScopeOf } from './store/scope.js';
import type { RecordStore } from './store/records.js';

export interface PerformedReset {
  recoveryId: string;
  accountId: string;
  resetEmail: string;
  agentId: string;
  performedAt: string;
}

export class BackendAdmin {
  private bulkAfter = 0;

  constructor(
    private readonly records: RecordStore,
    private readonly now: () => Date,
  ) {}

  /** The live cursor at the current head for these roles (default: every console role): a client holding it has everything. */
  head(roles: readonly string[] = ROLES): string {
    const head = this.records.headSeq;
    return liveCursor(head, feedScopeOf(roles).mask, this.records.anchorAt(head));
  }

  get<K extends EntityKind>(kind: K, id: string): EntityTypes[K] | undefined {
    return this.records.get(kind, id);
  }

  updateTicket(id: string, patch: Partial<Ticket>): Ticket {
    return this.records.write(() => {
      const t = this.records.get('ticket', id);
      if (!t) throw new Error(`admin.updateTicket: no ticket ${id}`);
      const next: Ticket = { ...t, ...patch, id, version: t.version + 1, updatedAt: this.now().toISOString() };
      this.records.put('ticket', next);
      return next;
    });
  }

  recategorise(id: string, categoryId: string): Ticket {
    if (!this.records.get('category', categoryId)) throw new Error(`admin.recategorise: no category ${categoryId}`);
    return this.updateTicket(id, { categoryId });
  }

  /** Deletes a record (a ticket takes its messages and callbacks along); false when it did not exist. */
  deleteRecord(kind: EntityKind, id: string): boolean {
    return this.records.write(() => this.records.remove(kind, id).length > 0);
  }

  createTicket(partial: Partial<Ticket> = {}): Ticket {
    return this.records.write(() => {
      const now = this.now().toISOString();
      const categoryId =
        partial.categoryId ??
        this.records.db.prepare<[], { id: string }>('SELECT id FROM rec_category ORDER BY rid LIMIT 1').get()?.id ??
        'general';
      const ticket: Ticket = {
        id: this.records.newId('ticket'),
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
      this.records.put('ticket', ticket);
      return ticket;
    });
  }

  /** Stores data as given, even invalid, with a new seq: for testing that clients validate. */
  writeUnchecked(kind: EntityKind, id: string, data: object): void {
    if (!ENTITY_KINDS.includes(kind)) throw new Error(`admin.writeUnchecked: unknown kind ${kind}`);
    this.records.write(() => {
      const claimed = (data as { version?: unknown }).version;
      const previous = this.records.getRaw(kind, id) as { version?: unknown } | undefined;
      const version =
        typeof claimed === 'number' && Number.isInteger(claimed)
          ? claimed
          : (typeof previous?.version === 'number' ? previous.version : 0) + 1;
      this.records.putUnchecked(kind, id, data, version);
    });
  }

  /**
   * Makes `count` ticket changes in one transaction (benchmarks: "someone
   * else" is busy). Walks the tickets round-robin and rotates the priority.
   */
  bulkUpdateTickets(count: number): { updated: number; head: string } {
    const pick = this.records.db.prepare<[number, number], { rid: number; id: string }>(
      'SELECT rid, id FROM rec_ticket WHERE rid > ? ORDER BY rid LIMIT ?',
    );
    const updated = this.records.write(() => {
      let done = 0;
      const now = this.now().toISOString();
      while (done < count) {
        const rows = pick.all(this.bulkAfter, Math.min(1000, count - done));
        if (rows.length === 0) {
          if (this.bulkAfter === 0) break; // no tickets at all
          this.bulkAfter = 0;
          continue;
        }
        for (const row of rows) {
          this.bulkAfter = row.rid;
          const t = this.validTicket(row.id);
          if (!t) continue;
          const priority = PRIORITIES[(PRIORITIES.indexOf(t.priority) + 1) % PRIORITIES.length] ?? 'normal';
          this.records.put('ticket', { ...t, priority, version: t.version + 1, updatedAt: now });
          done++;
        }
      }
      return done;
    });
    return { updated, head: this.head() };
  }

  /** Tickets stored through writeUnchecked may be invalid; bulk updates skip them. */
  private validTicket(id: string): Ticket | undefined {
    try {
      return this.records.get('ticket', id);
    } catch {
      return undefined;
    }
  }

  checksums(): Checksums {
    return computeChecksums(this.records.db);
  }

  /** Resets performed by approvals, oldest first. */
  resets(): PerformedReset[] {
    return this.records.db
      .prepare<[], PerformedReset>(
        `SELECT recovery_id AS recoveryId, account_id AS accountId, reset_email AS resetEmail,
                agent_id AS agentId, performed_at AS performedAt FROM reset ORDER BY id`,
      )
      .all();
  }
}
