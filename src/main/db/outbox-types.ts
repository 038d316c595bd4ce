/** Public types of the outbox: the agent's actions on their way to the backend (see migrations/002-outbox.ts). */
import type { Ticket } from '../../shared/entities.js';
import type { ActResult, OutboxEntryView, TicketAction } from '../../shared/ipc.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import type { ApplyResult } from './types.js';

export type OutboxState = OutboxEntryView['state'];

/** One row of the outbox as the sync sees it. */
export interface OutboxEntry {
  seq: number;
  /** Also the Idempotency-Key of the request. */
  actionId: string;
  ticketId: string;
  /** The login that acted; only that login's token sends it. */
  actor: string;
  action: TicketAction;
  /** The ticket version the agent saw. */
  baseVersion: number;
  state: OutboxState;
  attempts: number;
  reason: string | null;
  message: string | null;
  theirs: Ticket | null;
  /** Not sent before this instant (a merge waits while it can be undone); null: at once. */
  notBefore: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OutboxCounts {
  /** Waiting to be sent or confirmed (pending + sending). */
  pending: number;
  /** Refused (conflict or rule) and waiting for the agent. */
  needsAttention: number;
}

/** A queue row's marks. */
export interface OutboxTicketState {
  pending: boolean;
  needsAttention: boolean;
}

/** `undo` takes back an action never sent (a merge while it waits); the others answer a refusal. */
export type ResolveChoice = 'apply-mine-again' | 'keep-theirs' | 'undo';

/** What an outbox write did, for the UI's events. */
export interface OutboxChange {
  /** Tickets whose row or outbox entries changed. */
  ticketIds: string[];
  /** Records written from the backend's answer (confirm) or its current copy (conflict, rejection). */
  applied: ApplyResult | null;
}

export interface ActOptions {
  actor: string;
  now: Date;
  /** Defaults to a random UUID. */
  actionId?: string;
  /** Hold the entry until then (it can be undone meanwhile); later entries of the actor wait behind it. */
  notBefore?: Date;
  /**
   * Skip the local rules (refuseLocally). Only for tests that must reach the
   * backend's own refusal; the console never sets it.
   */
  skipLocalRules?: boolean;
}

/** Write side of the outbox: the sync worker's connection only. */
export interface OutboxWriter {
  /** Applies the action to the ticket row and queues it, in one transaction; refused locally = nothing written. */
  act(action: TicketAction, opts: ActOptions): ActResult & { change: OutboxChange | null };
  /** The oldest entry `actor` may send (pending, or sending when a previous run stopped mid-request). */
  nextToSend(actor: string): OutboxEntry | null;
  /** Marks the entry in flight and counts the attempt; returns it as it will be sent. */
  markSending(actionId: string, now: Date): OutboxEntry | null;
  /** A transient failure: back to pending, same key, nothing else changes. */
  markPending(actionId: string, now: Date): void;
  /** 200: writes the answer's records, drops the entry, moves later same-base entries of the ticket to the new version. */
  confirm(actionId: string, changes: readonly ValidChange[]): OutboxChange;
  /** 409: keeps theirs; the row becomes theirs plus the remaining pending actions. */
  conflict(actionId: string, refusal: Refusal, now: Date): OutboxChange;
  /** 422 (and other final refusals): the row becomes current plus the remaining pending actions. */
  reject(actionId: string, refusal: Refusal, now: Date): OutboxChange;
  /**
   * The agent's answer to a conflict or a rejection, or `undo` of an entry never sent. Throws for an entry
   * that is not waiting for that answer (undo: one already sent).
   */
  resolve(actionId: string, choice: ResolveChoice, opts: { now: Date; newActionId?: string }): OutboxChange;
  counts(): OutboxCounts;
}

/** A refusal from the backend: its machine reason, its sentence, and the record as it is now when it sent one. */
export interface Refusal {
  reason: string;
  message: string;
  current: Ticket | null;
}

/** Read side of the outbox: what the UI shows. */
export interface OutboxReader {
  /** Every entry of a ticket, oldest first. */
  outboxFor(ticketId: string): OutboxEntryView[];
  outboxCounts(): OutboxCounts;
  /** Marks for the given tickets; tickets without entries are absent. */
  outboxStateByTicket(ids: readonly string[]): Map<string, OutboxTicketState>;
}
