/**
 * The open ticket and the actions on it. An action changes the store in the
 * same frame (optimistic), then, once that frame is painted, `ticket:act`
 * writes it to the cache and the outbox in main; a local refusal (`accepted: false`) or a failed call puts
 * the screen back as it was and says why.
 */
import type { CannedReply, TicketAction, TicketDetail } from '../../../../shared/ipc.js';
import type { Agent, Category } from '../../../../shared/entities.js';
import { afterNextPaint } from '../../lib/after-paint.js';
import { call } from '../../lib/api.js';
import { refusalKey } from '../../lib/refusal.js';
import type { SliceCreator } from '../../store/types.js';
import { MERGE_UNDO_MS } from '../../../../shared/ticket-actions.js';
import { refusalParams } from './describe.js';
import { applyToDetail, rowChange } from './optimistic.js';

export interface TicketSlice {
  openId: string | null;
  detail: TicketDetail | null;
  categories: Category[];
  agents: Agent[];
  canned: CannedReply[];
  loadReference: () => Promise<void>;
  openTicket: (id: string) => Promise<void>;
  closeTicket: () => void;
  reloadTicket: () => Promise<void>;
  act: (action: TicketAction) => Promise<boolean>;
  resolveOutbox: (actionId: string, choice: 'apply-mine-again' | 'keep-theirs') => Promise<void>;
  /** The duplicate the merge dialog shows beside the open ticket, loaded before the dialog opens. */
  mergeAsk: TicketDetail | null;
  /** The merge last confirmed, while it waits in the outbox and can be undone. */
  pendingMerge: PendingMerge | null;
  /** Opens the merge dialog for `duplicateId` into the open ticket. */
  askMerge: (duplicateId: string) => Promise<void>;
  /** Merges the asked duplicate into the open ticket, with an undo notice for as long as the merge waits. */
  confirmMerge: () => Promise<void>;
  /** Takes the pending merge back before it is sent; says so when it is too late. */
  undoMerge: () => Promise<void>;
}

export interface PendingMerge {
  actionId: string;
  duplicateId: string;
  intoId: string;
}

let localIds = 0;

type SetState = Parameters<SliceCreator<TicketSlice>>[0];
type GetState = Parameters<SliceCreator<TicketSlice>>[1];

/** The action on screen at once, then to main; its outbox id, or null when refused or failed (screen restored). */
async function send(set: SetState, get: GetState, action: TicketAction): Promise<string | null> {
  const detailBefore = get().detail;
  const agentId = get().session?.agent.id ?? '';
  const localId = `local-${++localIds}`;
  const now = new Date().toISOString();
  if (detailBefore && (detailBefore.ticket.id === action.ticketId || action.type === 'merge')) {
    set({ detail: applyToDetail(detailBefore, action, { agentId, now, localId }) });
  }
  const rowBefore = get().patchRow(action.ticketId, rowChange(action));
  const undo = () => {
    if (detailBefore && get().openId === detailBefore.ticket.id) set({ detail: detailBefore });
    if (rowBefore) get().patchRow(rowBefore.id, rowBefore);
  };
  try {
    // The row and the pane above show the action in this frame; the call to main (in the browser harness a
    // fetch, ~2 ms to start) goes out once that frame is painted. Order is kept: frames and timers run FIFO.
    await afterNextPaint();
    const result = await call('ticket:act', action);
    if (!result.accepted) {
      undo();
      // The console's own refusal, in the person's language; its English sentence only as the notice's log text.
      get().notify({
        kind: 'error',
        key: refusalKey(result.reason),
        text: result.message,
        params: refusalParams(action, get()),
      });
      return null;
    }
    return result.actionId;
  } catch (e) {
    undo();
    get().notify({ kind: 'error', key: 'notice.actFailed', text: e instanceof Error ? e.message : '' });
    return null;
  }
}

export const createTicketSlice: SliceCreator<TicketSlice> = (set, get) => ({
  openId: null,
  detail: null,
  categories: [],
  agents: [],
  canned: [],
  loadReference: async () => {
    const [categories, agents, canned] = await Promise.all([
      call('categories:list'),
      call('agents:list'),
      call('canned:list'),
    ]);
    set({ categories: [...categories].sort((a, b) => a.position - b.position), agents, canned });
  },
  openTicket: async (id) => {
    set({ openId: id, detail: get().detail?.ticket.id === id ? get().detail : null, composerOpen: false });
    try {
      const detail = await call('ticket:get', id);
      // The agent may have moved on while this was loading.
      if (get().openId === id) set({ detail });
    } catch (e) {
      get().notify({ kind: 'error', key: 'notice.loadFailed', text: e instanceof Error ? e.message : '' });
    }
  },
  closeTicket: () => {
    set({ openId: null, detail: null, composerOpen: false, composerDraft: '' });
  },
  reloadTicket: async () => {
    const id = get().openId;
    if (id === null) return;
    try {
      const detail = await call('ticket:get', id);
      if (get().openId === id) set({ detail });
    } catch {
      // Keep what is on screen; the status bar says when main is unreachable.
    }
  },
  act: async (action) => (await send(set, get, action)) !== null,
  resolveOutbox: async (actionId, choice) => {
    try {
      await call('outbox:resolve', actionId, choice);
      await get().reloadTicket();
      get().refreshRows();
    } catch (e) {
      get().notify({ kind: 'error', key: 'notice.actFailed', text: e instanceof Error ? e.message : '' });
    }
  },
  mergeAsk: null,
  pendingMerge: null,
  askMerge: async (duplicateId) => {
    try {
      const duplicate = await call('ticket:get', duplicateId);
      if (duplicate === null) return;
      set({ mergeAsk: duplicate });
      get().openOverlay('mergeConfirm');
    } catch (e) {
      get().notify({ kind: 'error', key: 'notice.loadFailed', text: e instanceof Error ? e.message : '' });
    }
  },
  confirmMerge: async () => {
    const duplicate = get().mergeAsk?.ticket;
    const into = get().detail?.ticket;
    set({ mergeAsk: null });
    get().openOverlay(null);
    if (duplicate === undefined || into === undefined) return;
    const actionId = await send(set, get, { type: 'merge', ticketId: duplicate.id, intoId: into.id });
    if (actionId === null) return;
    const pending = { actionId, duplicateId: duplicate.id, intoId: into.id };
    set({ pendingMerge: pending });
    get().notify({
      kind: 'info',
      key: 'merge.done',
      params: { from: duplicate.id, into: into.id },
      action: { key: 'merge.undo', shortcut: 'Z', run: () => void get().undoMerge() },
      ttlMs: MERGE_UNDO_MS,
    });
    // The outbox sends it then: the undo would only meet a refusal.
    setTimeout(() => {
      if (get().pendingMerge === pending) set({ pendingMerge: null });
    }, MERGE_UNDO_MS);
  },
  undoMerge: async () => {
    const pending = get().pendingMerge;
    if (pending === null) return;
    set({ pendingMerge: null });
    const notice = get().notices.find((n) => n.key === 'merge.done' && n.params?.from === pending.duplicateId);
    if (notice !== undefined) get().dismiss(notice.id);
    try {
      await call('outbox:resolve', pending.actionId, 'undo');
      get().notify({ kind: 'info', key: 'merge.undone', params: { from: pending.duplicateId } });
    } catch {
      get().notify({ kind: 'error', key: 'merge.tooLate', params: { from: pending.duplicateId } });
    }
    await get().reloadTicket();
    get().refreshRows();
  },
});
