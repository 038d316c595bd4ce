/**
 * The IPC contract between the renderer and the main process: every channel
 * the renderer may call, with its argument schema and result type, and every
 * event main pushes. The preload builds `window.api` from this contract, the
 * browser harness serves the same contract over its loopback bridge, and the
 * main process registers one handler per channel through its `handle()`
 * door; nothing else names a channel.
 */
import { z } from 'zod';
import { TicketStatus } from './entities.js';
import type { Account, Agent, AttachmentMeta, Category, Language, Role, Ticket, TicketMessage } from './entities.js';
import type { SyncPhase } from './sync-protocol.js';
import { ATTACHMENT_IPC_ARGS } from './ipc-attachments.js';
import type { AttachmentIpcResults } from './ipc-attachments.js';
import { CALLBACK_EVENT_CHANNELS, CALLBACK_IPC_ARGS } from './ipc-callbacks.js';
import type { CallbackIpcEvents, CallbackIpcResults } from './ipc-callbacks.js';
import { PRESENCE_EVENT_CHANNELS, PRESENCE_IPC_ARGS } from './ipc-presence.js';
import type { PresenceIpcEvents, PresenceIpcResults } from './ipc-presence.js';
import { RECOVERY_EVENT_CHANNELS, RECOVERY_IPC_ARGS } from './ipc-recovery.js';
import type { RecoveryIpcEvents, RecoveryIpcResults } from './ipc-recovery.js';
import { SHELL_EVENT_CHANNELS, SHELL_IPC_ARGS } from './ipc-shell.js';
import type { ShellIpcEvents, ShellIpcResults } from './ipc-shell.js';
import { MAX_SEARCH_LENGTH } from './search-words.js';
import { SETTINGS_EVENT_CHANNELS, SETTINGS_IPC_ARGS } from './ipc-settings.js';
import type { SettingsIpcEvents, SettingsIpcResults } from './ipc-settings.js';
import { UiLanguage } from './settings.js';

// ---------------------------------------------------------------- results

/**
 * The link to the backend as the person should read it: `connecting` until the first answer (never
 * "offline" at sign-in), `slow` when a page or an action takes longer than a person would wait without
 * being told, `offline` when the backend cannot be reached.
 */
export type ConnectionState = 'connecting' | 'online' | 'slow' | 'offline';

/** The cache file cannot be written (`full`, `read-only`) or is damaged (`damaged`: it is rebuilt). */
export interface StorageProblem {
  problem: 'full' | 'read-only' | 'damaged';
  /** SQLite's own words, for the diagnostics; the window shows its own sentence per problem. */
  detail: string;
}

export interface SyncStatus {
  backend: { kind: 'embedded' | 'remote'; url: string };
  /** True while the backend answers (online or slow); `connection` says which. */
  online: boolean;
  connection: ConnectionState;
  /** Set while the cache cannot be written or was found damaged; cleared by the next write that works. */
  storage: StorageProblem | null;
  phase: SyncPhase | 'idle';
  progress: { done: number; total: number } | null;
  urgentReady: boolean;
  searchReady: boolean;
  lastPulledAt: string | null;
  /** Records the contract rejected, kept aside in the cache (sync_problems): counted from the file at start. */
  problems: number;
  /** Set when the cache file was found corrupt and rebuilt from the backend. */
  rebuiltBecause: string | null;
  /** Actions written locally and not yet confirmed by the backend. */
  outboxPending: number;
  /** Actions the backend refused (conflict or rule) waiting for the agent. */
  outboxNeedsAttention: number;
}

export interface Session {
  agent: { id: string; name: string; roles: Role[] };
  language: UiLanguage;
}

// The language is a settings.json key: its schema lives with the others.
export { UI_LANGUAGES, UiLanguage } from './settings.js';

export interface CategoryCount {
  categoryId: string;
  name: string;
  new: number;
  open: number;
  pending: number;
}

/** The queue views of the sidebar, beside the categories. */
export const VIEW_IDS = [
  'all',
  'unassigned',
  'mine',
  'escalated',
  'callback',
  'callbacks-today',
  'chat-termination',
] as const;
export const ViewId = z.enum(VIEW_IDS);
export type ViewId = z.infer<typeof ViewId>;

export interface QueueCounts {
  categories: CategoryCount[];
  /** Open work (new, open, pending) in each view. */
  views: Record<ViewId, number>;
}

export const QUEUE_SORTS = ['updated', 'age', 'priority'] as const;

export const QueueWindowQuery = z.object({
  view: ViewId,
  categoryId: z.string().min(1).max(64).nullable(),
  statuses: z.array(TicketStatus).min(1).max(5),
  sort: z.enum(QUEUE_SORTS),
  /** Full-text search; combines with every filter above. Empty = no search. */
  search: z.string().max(MAX_SEARCH_LENGTH),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
});
export type QueueWindowQuery = z.infer<typeof QueueWindowQuery>;

export interface QueueRowView {
  id: string;
  subject: string;
  /** With search: a snippet of the match, the terms wrapped in HIGHLIGHT_START/END (never HTML). */
  snippet: string | null;
  status: Ticket['status'];
  priority: Ticket['priority'];
  categoryId: string;
  assigneeId: string | null;
  requesterName: string;
  channel: Ticket['channel'];
  level: 1 | 2;
  createdAt: string;
  updatedAt: string;
  /** An action on this ticket is waiting to be confirmed by the backend. */
  pending: boolean;
  /** An action on this ticket was refused and waits for the agent. */
  needsAttention: boolean;
  chatTermination: boolean;
  callbackRequested: boolean;
}

export interface QueueWindow {
  /** Rows matching the query in all (for the virtual list's height); exact, or a lower bound while search indexes. */
  total: number;
  offset: number;
  rows: QueueRowView[];
  /** False while the search index is still being built: results may be incomplete. */
  searchComplete: boolean;
  /**
   * How many rows at the top the search named exactly (a ticket number, the requester's e-mail, a customer
   * number, a domain), listed before the full-text matches; 0 without a search.
   */
  exact: number;
  /** With no match at all (first window only): what a wider query would find, for the empty list to offer. */
  widen: QueueWiden | null;
}

/** Matches of the same search with wider filters; null where the filter is already that wide. */
export interface QueueWiden {
  /** The same view and category with every status (solved and closed too). */
  allStatuses: number | null;
  /** Every ticket: all views, categories and statuses. */
  everywhere: number | null;
}

export interface OutboxEntryView {
  actionId: string;
  ticketId: string;
  action: TicketAction;
  state: 'pending' | 'sending' | 'conflict' | 'rejected';
  /** On conflict or rejection: the backend's machine reason and a sentence for people. */
  reason: string | null;
  message: string | null;
  /** On conflict: the record as the other person left it. */
  theirs: Ticket | null;
  createdAt: string;
}

export interface TicketDetail {
  /** The ticket as the agent sees it: the backend's state plus their pending actions. */
  ticket: Ticket;
  account: Account | null;
  /** The account's Priority Support is active today (Europe/Zurich). */
  prioritySupportActive: boolean;
  messages: TicketMessage[];
  attachments: AttachmentMeta[];
  duplicates: QueueRowView[];
  outbox: OutboxEntryView[];
  /** A termination that came by chat: it cannot be processed as one (docs/product-rules.md#chat-terminations). */
  chatTermination: boolean;
}

export interface CannedReply {
  id: string;
  language: Language;
  title: string;
  body: string;
}

// ---------------------------------------------------------------- actions

const Id = z.string().min(1).max(64);

/** What an agent does to a ticket. main adds the base version and the idempotency key. */
export const TicketAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('recategorise'), ticketId: Id, categoryId: Id }),
  z.object({ type: z.literal('assign'), ticketId: Id, assigneeId: Id.nullable() }),
  z.object({ type: z.literal('setStatus'), ticketId: Id, status: TicketStatus }),
  z.object({
    type: z.literal('reply'),
    ticketId: Id,
    body: z.string().trim().min(1).max(100_000),
    internal: z.boolean(),
  }),
  z.object({ type: z.literal('merge'), ticketId: Id, intoId: Id }),
  z.object({ type: z.literal('escalate'), ticketId: Id, note: z.string().max(10_000) }),
]);
export type TicketAction = z.infer<typeof TicketAction>;

export type ActResult =
  | { accepted: true; actionId: string }
  /** Refused locally, before anything was written (e.g. a chat termination closed as a termination). */
  | { accepted: false; reason: string; message: string };

// ---------------------------------------------------------------- channels

/** Result type of each invoke channel: the triage channels here, the other features' in their own part. */
export interface IpcInvokeResults
  extends
    RecoveryIpcResults,
    CallbackIpcResults,
    AttachmentIpcResults,
    ShellIpcResults,
    SettingsIpcResults,
    PresenceIpcResults {
  'session:get': Session;
  'settings:setLanguage': Session;
  'sync:status': SyncStatus;
  'queue:counts': QueueCounts;
  'queue:window': QueueWindow;
  'ticket:get': TicketDetail | null;
  'ticket:act': ActResult;
  'outbox:resolve': { ok: true };
  'categories:list': Category[];
  'agents:list': Agent[];
  'canned:list': CannedReply[];
}

/** Argument schema of each invoke channel: main parses every call against it. */
export const IPC_INVOKE_ARGS = {
  'session:get': z.tuple([]),
  'settings:setLanguage': z.tuple([UiLanguage]),
  'sync:status': z.tuple([]),
  'queue:counts': z.tuple([]),
  'queue:window': z.tuple([QueueWindowQuery]),
  'ticket:get': z.tuple([Id]),
  'ticket:act': z.tuple([TicketAction]),
  /**
   * A refused action: send it again on top of the current record, or drop it and keep theirs; or take back
   * an action still held (a merge while it can be undone): refused once it has been sent.
   */
  'outbox:resolve': z.tuple([z.string().min(1).max(100), z.enum(['apply-mine-again', 'keep-theirs', 'undo'])]),
  'categories:list': z.tuple([]),
  'agents:list': z.tuple([]),
  'canned:list': z.tuple([]),
  ...RECOVERY_IPC_ARGS,
  ...CALLBACK_IPC_ARGS,
  ...ATTACHMENT_IPC_ARGS,
  ...SHELL_IPC_ARGS,
  ...SETTINGS_IPC_ARGS,
  ...PRESENCE_IPC_ARGS,
} as const satisfies Record<keyof IpcInvokeResults, z.ZodType<unknown[]>>;

/** Payload of each event main pushes to the renderer. */
export interface IpcEvents
  extends RecoveryIpcEvents, CallbackIpcEvents, ShellIpcEvents, SettingsIpcEvents, PresenceIpcEvents {
  'sync:status': SyncStatus;
  /** Tickets whose local state changed (sync, own action, outbox answer); `all` = reload every view. */
  'tickets:changed': { ids: string[]; all: boolean };
}
export const IPC_EVENT_CHANNELS = [
  'sync:status',
  'tickets:changed',
  ...RECOVERY_EVENT_CHANNELS,
  ...CALLBACK_EVENT_CHANNELS,
  ...SHELL_EVENT_CHANNELS,
  ...SETTINGS_EVENT_CHANNELS,
  ...PRESENCE_EVENT_CHANNELS,
] as const satisfies readonly (keyof IpcEvents)[];

export type InvokeChannel = keyof IpcInvokeResults;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof IPC_INVOKE_ARGS)[C]>;
export type EventChannel = keyof IpcEvents;
export const INVOKE_CHANNELS = Object.keys(IPC_INVOKE_ARGS) as InvokeChannel[];

/** What every invoke answers: errors cross the bridge as data, never as thrown objects with stacks. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** `window.api`, exactly: one method per invoke channel, one subscriber per event. */
export type ConsoleApi = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<Envelope<IpcInvokeResults[C]>>;
} & {
  on<E extends EventChannel>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

/** Marks around matched terms in snippets: private-use characters, so no HTML is ever built from customer text. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';
