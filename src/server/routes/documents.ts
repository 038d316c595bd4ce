/**
 * GET /v1/documents/:id: identity documents and attachments, for verifiers only.
 * Always application/octet-stream and attachment: the declared type came from a
 * customer and must never make a client render the bytes as something else.
 *
 * The download of a recovery request's document IS its audit event: the entry
 * (who, when, which request and document, the bytes' sha256, real format and
 * size) is written in the transaction that reads the bytes, so no byte leaves
 * without its entry. After the request's decision and the retention, the bytes
 * are gone: 410 document_purged.
 */
import type { FastifyInstance } from 'fastify';
import { sniffAccepted } from '../../shared/documents/formats.js';
import { API_PREFIX } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { HttpError, notFound } from '../http/errors.js';
import { checklistOnServer } from '../rules/recovery.js';
import { recordViewAudit } from '../store/audit.js';
import { Documents } from '../store/documents.js';
import type { StoredDocument } from '../store/documents.js';

export function registerDocumentRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.get<{ Params: { id: string } }>(
    `${API_PREFIX}/documents/:id`,
    // A HEAD would run the handler and write a view nobody saw.
    { config: { faults: true }, exposeHeadRoute: false },
    async (request, reply) => {
      const who = await ctx.auth.require(request, ['verifier']);
      const { agentId } = who;
      if (agentId === null) throw new HttpError(403, 'role_missing', 'This call needs the role verifier.');
      const id = request.params.id;
      const served = await ctx.records.write(async (w): Promise<{ doc: StoredDocument; auditId: string | null }> => {
        const documents = new Documents(w.tx);
        const doc = await documents.get(id);
        if (!doc) throw notFound(`Document ${id}`);
        if (doc.purgedAt !== null) {
          throw new HttpError(
            410,
            'document_purged',
            `Document ${id} was deleted at ${doc.purgedAt}, after its request's decision; the audit log keeps its sha256, format and size.`,
          );
        }
        const req = doc.recoveryId === null ? undefined : await w.get('recovery', doc.recoveryId);
        if (req === undefined) return { doc, auditId: null };
        const now = ctx.now();
        const mctx = { records: w, db: w.tx, agentId, now };
        const checklist = await checklistOnServer(mctx, req, {});
        const audit = await recordViewAudit(mctx, req.id, id, checklist.states, {
          sha256: doc.sha256,
          size: doc.size,
          format: sniffAccepted(doc.bytes),
        });
        await documents.recordView({
          documentId: id,
          recoveryId: req.id,
          agentId,
          auditId: audit.id,
          at: now.toISOString(),
        });
        return { doc, auditId: audit.id };
      });
      const { doc, auditId } = served;
      return reply
        .headers({
          'content-type': 'application/octet-stream',
          'content-length': String(doc.size),
          'x-content-sha256': doc.sha256,
          'content-disposition': 'attachment',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          ...(auditId === null ? {} : { 'x-audit-entry': auditId }),
        })
        .send(doc.bytes);
    },
  );
}
