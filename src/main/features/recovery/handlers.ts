/**
 * IPC handlers of the recovery verification (src/shared/ipc-recovery.ts).
 * Documents live in memory only (document-store.ts) and are forgotten when
 * their request is decided, when someone else signs in or the session ends,
 * and when the cache is rebuilt.
 */
import type { AcceptedFormat } from '../../../shared/documents/formats.js';
import type { RecoveryRequest } from '../../../shared/entities.js';
import type { DocumentOpen, RecoveryDecisionInput, RecoveryDecisionResult } from '../../../shared/ipc-recovery.js';
import type { RecoveryIpcResults } from '../../../shared/ipc-recovery.js';
import { RecoveryRequest as RecoveryRequestSchema } from '../../../shared/entities.js';
import type { FeatureDeps } from '../feature-deps.js';
import type { Handlers } from '../../../shared/ipc-handlers.js';
import { readAudit } from './audit-log.js';
import { createDocumentStore } from './document-store.js';
import type { DocumentStore } from './document-store.js';
import { lazy } from '../../lazy.js';
import { agentName, recoveryDetail, recoveryQueue } from './queue.js';

// The file sniffer and image-header reader load with the first document opened, not with the app.
const documents = lazy(() => import('./documents.js'));

export interface RecoveryServices {
  handlers: Pick<Handlers, keyof RecoveryIpcResults>;
  store: DocumentStore;
}

/** What a finished opening tells the checklist about the real format (undefined: nothing learnt). */
function learntFormat(open: DocumentOpen): AcceptedFormat | null | undefined {
  if (open.status === 'viewable') return open.format;
  if (open.status === 'deleted') return undefined;
  if (open.reason === 'format_not_accepted' || open.reason === 'empty') return null;
  return open.format ?? undefined;
}

export function createRecoveryServices(deps: FeatureDeps, store = createDocumentStore()): RecoveryServices {
  const reader = deps.readers.cache;
  const formats = new Map<string, AcceptedFormat | null>();
  const forgetAll = (): void => {
    store.purgeAll();
    formats.clear();
  };
  let agentId: string | null = null;

  deps.sync.events.subscribe((event) => {
    if (event.type === 'changed') {
      const requestIds = event.ids.recovery ?? [];
      const audit = (event.ids.audit?.length ?? 0) > 0 || event.many.includes('audit');
      const all = event.many.includes('recovery');
      // Decided elsewhere (another verifier): nothing of it stays here.
      const decided = requestIds.filter((id) => {
        const r = reader.getRecord('recovery', id);
        return r !== null && (r.status === 'approved' || r.status === 'rejected');
      });
      if (decided.length > 0) store.purgeRequests(decided);
      if (requestIds.length > 0 || audit || all) deps.pump.emit('recovery:changed', { requestIds, audit, all });
    } else if (event.type === 'signed-in') {
      if (agentId !== null && agentId !== event.agent.id) forgetAll();
      agentId = event.agent.id;
    } else if (event.type === 'rebootstrap' || (event.type as string) === 'auth-required') {
      // auth-required: the backend no longer accepts the session (compared as text: older builds lack the event).
      forgetAll();
    }
  });
  // The shell's sign-out (session:changed with signedIn false): nobody may see what the last person opened.
  deps.pump.subscribe((channel, payload) => {
    if ((channel as string) === 'session:changed' && (payload as { signedIn?: unknown }).signedIn === false)
      forgetAll();
  });

  async function decide(input: RecoveryDecisionInput): Promise<RecoveryDecisionResult> {
    const { requestId, idempotencyKey, ...rest } = input;
    const answer = await deps.sync.call({
      mutation: 'decideRecovery',
      recordId: requestId,
      body: rest,
      idempotencyKey,
    });
    if (answer.ok) {
      let request: RecoveryRequest | null = null;
      for (const c of answer.changes)
        if (c.op === 'upsert' && c.kind === 'recovery' && c.id === requestId) request = c.record;
      request ??= reader.getRecord('recovery', requestId);
      if (request === null) throw new Error(`Request ${requestId} vanished after its decision.`);
      if (request.status !== 'info_requested') store.purgeRequests([requestId]);
      deps.pump.emit('recovery:changed', { requestIds: [requestId], audit: true, all: false });
      return { ok: true, request };
    }
    const current = RecoveryRequestSchema.safeParse(answer.current);
    const decision = current.success ? current.data.decision : null;
    const decidedElsewhere = current.success && current.data.version !== input.baseVersion && decision !== null;
    return {
      ok: false,
      status: answer.status,
      reason: answer.reason,
      message: answer.message,
      decidedBy: decidedElsewhere ? { decision, agentName: agentName(reader, decision.agentId) } : null,
    };
  }

  const handlers: RecoveryServices['handlers'] = {
    'recovery:queue': () => recoveryQueue(reader, formats),
    'recovery:get': (id) => recoveryDetail(reader, id, formats),
    'recovery:openDocument': async (requestId, documentId, checklist, withBytes) => {
      const request = reader.getRecord('recovery', requestId);
      const meta = request?.documents.find((d) => d.id === documentId);
      if (meta === undefined) throw new Error(`Request ${requestId} has no document ${documentId}.`);
      const { openDocument } = await documents();
      const opened = await openDocument({ sync: deps.sync, store }, requestId, meta, checklist, withBytes);
      const learnt = learntFormat(opened);
      if (learnt !== undefined) formats.set(documentId, learnt);
      return opened;
    },
    'recovery:decide': decide,
    'recovery:audit': (q) => readAudit(deps.readers.audit, reader, q),
  };
  return { handlers, store };
}

export function createRecoveryHandlers(deps: FeatureDeps): Pick<Handlers, keyof RecoveryIpcResults> {
  return createRecoveryServices(deps).handlers;
}
