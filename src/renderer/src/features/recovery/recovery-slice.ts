/**
 * The recovery desk's state: the queue, the request being verified (its
 * detail, the documents opened, the kind the verifier confirmed for each
 * document, the decision being prepared) and the audit log. The verdict and
 * its checklist are not stored: they are computed from this state with the
 * rules shared with the backend every time they are shown.
 */
import type { AcceptedFormat } from '../../../../shared/documents/formats.js';
import { REFUSAL_REASONS } from '../../../../shared/documents/inspect.js';
import type { DOCUMENT_KINDS, REJECT_REASONS } from '../../../../shared/entities.js';
import type {
  AuditQuery,
  AuditRow,
  DecisionInfo,
  DocumentOpen,
  RecoveryDetail,
  RecoveryQueueEntry,
} from '../../../../shared/ipc-recovery.js';
import type { ChecklistResult } from '../../../../shared/recovery/checklist.js';
import { composeRequesterMessage, reasonSentence } from '../../../../shared/recovery/messages.js';
import { recoveryVerdict } from '../../../../shared/recovery/verdict.js';
import type { RecoveryVerdict } from '../../../../shared/recovery/verdict.js';
import { call } from '../../lib/api.js';
import { forgetDecoded, hasDecoded } from './decoded-cache.js';
import type { SliceCreator, Store } from '../../store/types.js';

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type RejectReason = (typeof REJECT_REASONS)[number];
export type DocState = { status: 'loading' } | DocumentOpen;
/** The decision being prepared: the approval's confirm step, a rejection or a request for information. */
export type DecisionMode = 'approve' | 'reject' | 'request_info' | null;
export type ViewerCommand = 'zoomIn' | 'zoomOut' | 'rotate' | 'nextPage' | 'prevPage';

export interface DecisionOutcome {
  kind: 'done' | 'refused' | 'already_decided';
  decision?: 'approve' | 'reject' | 'request_info';
  message?: string;
  /** The backend's refusal code, when it has a sentence of its own in the UI language. */
  reason?: string;
  decidedBy?: DecisionInfo;
}

export const EMPTY_AUDIT_FILTER: AuditQuery = {
  from: null,
  to: null,
  agentId: null,
  action: null,
  recoveryId: null,
  limit: 1000,
};

export interface RecoverySlice {
  recoveryView: 'verify' | 'audit';
  recoveryQueue: RecoveryQueueEntry[];
  recoveryQueueLoaded: boolean;
  recoverySelectedId: string | null;
  recoveryDetail: RecoveryDetail | null;
  recoveryDocs: Record<string, DocState>;
  recoveryActiveDoc: string | null;
  /** The kind the verifier confirmed for each document of the request on screen, by document id. */
  recoveryKinds: Readonly<Record<string, DocumentKind>>;
  recoveryMode: DecisionMode;
  recoveryReason: RejectReason | null;
  /** The sentence the requester reads (why it is rejected, what is missing): the message is built around it. */
  recoveryMessage: string;
  recoveryBusy: boolean;
  recoveryOutcome: DecisionOutcome | null;
  recoveryAudit: AuditRow[];
  recoveryAuditFilter: AuditQuery;
  /** A viewer command from the keyboard (n changes on every press so a repeat is seen). */
  recoveryViewerCommand: { n: number; command: ViewerCommand } | null;
  sendViewerCommand: (command: ViewerCommand) => void;
  setRecoveryView: (view: 'verify' | 'audit') => void;
  loadRecoveryQueue: () => Promise<void>;
  selectRecovery: (id: string | null) => Promise<void>;
  selectNextRecovery: (step: 1 | -1) => Promise<void>;
  openRecoveryDocument: (documentId: string) => Promise<void>;
  setRecoveryKind: (documentId: string, kind: DocumentKind | null) => void;
  startRecoveryDecision: (mode: DecisionMode) => void;
  setRecoveryReason: (reason: RejectReason) => void;
  setRecoveryMessage: (message: string) => void;
  submitRecoveryDecision: (decision: 'approve' | 'reject' | 'request_info') => Promise<void>;
  setRecoveryAuditFilter: (patch: Partial<AuditQuery>) => void;
  loadRecoveryAudit: () => Promise<void>;
}

/** The verdict as the verifier sees it now: the shared rules on this screen's state. */
export function verdictOf(
  d: RecoveryDetail | null,
  docs: Record<string, DocState>,
  kinds: Readonly<Record<string, DocumentKind>>,
): RecoveryVerdict | null {
  if (d === null) return null;
  const sniffed: Record<string, AcceptedFormat | null> = {};
  for (const doc of d.documents) if (doc.sniffed !== undefined) sniffed[doc.meta.id] = doc.sniffed;
  for (const [id, state] of Object.entries(docs)) {
    if (state.status === 'viewable') sniffed[id] = state.format;
    else if (state.status === 'refused' && (state.reason === 'format_not_accepted' || state.reason === 'empty'))
      sniffed[id] = null;
    else if (state.status === 'refused' && state.format !== null) sniffed[id] = state.format;
  }
  // The checks the backend runs too refuse a document: no approval on it. A failed download or audit is no verdict.
  const refused: Record<string, string> = {};
  for (const [id, state] of Object.entries(docs)) {
    if (state.status === 'refused' && (REFUSAL_REASONS as readonly string[]).includes(state.reason))
      refused[id] = state.reason;
  }
  return recoveryVerdict({ request: d.request, account: d.account, sniffed, documentKinds: kinds, refused });
}

export function currentVerdict(s: Store): RecoveryVerdict | null {
  return verdictOf(s.recoveryDetail, s.recoveryDocs, s.recoveryKinds);
}

export function currentChecklist(s: Store): ChecklistResult | null {
  return currentVerdict(s)?.checklist ?? null;
}

function sentenceFor(s: Store, kind: 'request_info' | RejectReason | null): string {
  const d = s.recoveryDetail;
  return d === null || kind === null ? '' : reasonSentence(kind, d.request.language);
}

/** The whole message the requester reads, built around the verifier's sentence. */
function messageOf(s: Store): string {
  const d = s.recoveryDetail;
  if (d === null) return '';
  const f = d.request.fields;
  return composeRequesterMessage(d.request.language, `${f.firstName} ${f.lastName}`, s.recoveryMessage);
}

function newKey(): string {
  return `decide-${crypto.randomUUID()}`;
}

export const createRecoverySlice: SliceCreator<RecoverySlice> = (set, get) => ({
  recoveryView: 'verify',
  recoveryQueue: [],
  recoveryQueueLoaded: false,
  recoverySelectedId: null,
  recoveryDetail: null,
  recoveryDocs: {},
  recoveryActiveDoc: null,
  recoveryKinds: {},
  recoveryMode: null,
  recoveryReason: null,
  recoveryMessage: '',
  recoveryBusy: false,
  recoveryOutcome: null,
  recoveryAudit: [],
  recoveryAuditFilter: EMPTY_AUDIT_FILTER,
  recoveryViewerCommand: null,

  sendViewerCommand: (command) => {
    set((s) => ({ recoveryViewerCommand: { n: (s.recoveryViewerCommand?.n ?? 0) + 1, command } }));
  },

  setRecoveryView: (recoveryView) => {
    set({ recoveryView });
    if (recoveryView === 'audit') void get().loadRecoveryAudit();
  },

  loadRecoveryQueue: async () => {
    const queue = await call('recovery:queue');
    set({ recoveryQueue: queue, recoveryQueueLoaded: true });
  },

  selectRecovery: async (id) => {
    set({
      recoverySelectedId: id,
      recoveryDetail: null,
      recoveryDocs: {},
      recoveryActiveDoc: null,
      recoveryKinds: {},
      recoveryMode: null,
      recoveryReason: null,
      recoveryMessage: '',
      recoveryOutcome: null,
    });
    if (id === null) return;
    const detail = await call('recovery:get', id);
    if (get().recoverySelectedId !== id) return;
    set({ recoveryDetail: detail });
    const first = detail?.documents[0];
    // The document is what the verifier looks at first: open it at once.
    if (first !== undefined && detail?.decided?.decision.decision !== 'approve') {
      await get().openRecoveryDocument(first.meta.id);
    }
  },

  selectNextRecovery: async (step) => {
    const { recoveryQueue: queue, recoverySelectedId: current } = get();
    if (queue.length === 0) return;
    const at = queue.findIndex((e) => e.id === current);
    const next = at === -1 ? 0 : Math.min(queue.length - 1, Math.max(0, at + step));
    const entry = queue[next];
    if (entry !== undefined && entry.id !== current) await get().selectRecovery(entry.id);
  },

  openRecoveryDocument: async (documentId) => {
    const requestId = get().recoverySelectedId;
    if (requestId === null) return;
    set((s) => ({
      recoveryActiveDoc: documentId,
      recoveryDocs: { ...s.recoveryDocs, [documentId]: { status: 'loading' } },
    }));
    const states = currentChecklist(get())?.states ?? {};
    let opened: DocState;
    try {
      // The window may still hold it decoded: then only the view is recorded, no bytes cross.
      opened = await call('recovery:openDocument', requestId, documentId, states, !hasDecoded(documentId));
      if (opened.status === 'viewable' && opened.base64 === null && !hasDecoded(documentId)) {
        opened = await call('recovery:openDocument', requestId, documentId, states, true);
      }
    } catch (err) {
      opened = {
        status: 'refused',
        documentId,
        displayName: '',
        reason: 'download_failed',
        realType: null,
        format: null,
      };
      console.warn('document could not be opened', err instanceof Error ? err.message : err);
    }
    if (get().recoverySelectedId !== requestId) return;
    set((s) => ({ recoveryDocs: { ...s.recoveryDocs, [documentId]: opened } }));
  },

  setRecoveryKind: (documentId, kind) => {
    set((s) => {
      const others = Object.fromEntries(Object.entries(s.recoveryKinds).filter(([id]) => id !== documentId));
      // A changed confirmation withdraws an approval waiting for its confirm step: it previewed other facts.
      const mode = s.recoveryMode === 'approve' ? null : s.recoveryMode;
      return { recoveryKinds: kind === null ? others : { ...others, [documentId]: kind }, recoveryMode: mode };
    });
  },

  startRecoveryDecision: (mode) => {
    const s = get();
    if (mode === 'approve') {
      // The confirm step shows what the approval will do; it opens only when the verdict allows the approval.
      if (currentVerdict(s)?.state === 'ready') set({ recoveryMode: 'approve', recoveryOutcome: null });
    } else if (mode === 'reject') {
      // A reason the failed rules point to is offered; otherwise the verifier picks one ("other" is no default).
      const reason = s.recoveryReason ?? currentChecklist(s)?.suggestedReason ?? null;
      set({ recoveryMode: mode, recoveryReason: reason, recoveryMessage: sentenceFor(s, reason) });
    } else if (mode === 'request_info') {
      set({ recoveryMode: mode, recoveryMessage: sentenceFor(s, 'request_info') });
    } else {
      set({ recoveryMode: null });
    }
  },

  setRecoveryReason: (reason) => {
    // A new reason brings its own sentence; the verifier edits from there.
    set({ recoveryReason: reason, recoveryMessage: sentenceFor(get(), reason) });
  },

  setRecoveryMessage: (recoveryMessage) => {
    set({ recoveryMessage });
  },

  submitRecoveryDecision: async (decision) => {
    const s = get();
    const d = s.recoveryDetail;
    const verdict = currentVerdict(s);
    if (d === null || verdict === null || s.recoveryBusy) return;
    // Approval only from its confirm step; a rejection only with its reason and a sentence to say it.
    if (decision === 'approve' && (s.recoveryMode !== 'approve' || verdict.state !== 'ready')) return;
    if (decision === 'reject' && (s.recoveryReason === null || s.recoveryMessage.trim() === '')) return;
    if (decision === 'request_info' && s.recoveryMessage.trim() === '') return;
    set({ recoveryBusy: true });
    try {
      const result = await call('recovery:decide', {
        requestId: d.request.id,
        baseVersion: d.request.version,
        decision,
        reasonCode: decision === 'reject' ? s.recoveryReason : null,
        message: decision === 'approve' ? null : messageOf(s),
        reasonSentence: decision === 'reject' ? s.recoveryMessage.trim() : null,
        documentKinds: s.recoveryKinds,
        documentKind: null,
        checklist: verdict.checklist.states,
        idempotencyKey: newKey(),
      });
      if (result.ok) {
        if (decision !== 'request_info') forgetDecoded([d.request.id]);
        set({
          recoveryOutcome: { kind: 'done', decision },
          recoveryMode: null,
          recoveryDetail: { ...d, request: result.request },
        });
        await get().loadRecoveryQueue();
      } else if (result.decidedBy !== null) {
        set({
          recoveryOutcome: { kind: 'already_decided', decidedBy: result.decidedBy, message: result.message },
          recoveryMode: null,
        });
        await get().loadRecoveryQueue();
      } else {
        set({
          recoveryOutcome: { kind: 'refused', message: result.message, reason: result.reason },
          recoveryMode: null,
        });
      }
    } finally {
      set({ recoveryBusy: false });
    }
  },

  setRecoveryAuditFilter: (patch) => {
    set((s) => ({ recoveryAuditFilter: { ...s.recoveryAuditFilter, ...patch } }));
    void get().loadRecoveryAudit();
  },

  loadRecoveryAudit: async () => {
    const rows = await call('recovery:audit', get().recoveryAuditFilter);
    set({ recoveryAudit: rows });
  },
});
