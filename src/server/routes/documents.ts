/**
 * GET /v1/documents/:id: identity documents and attachments. Always
 * application/octet-stream and attachment: the declared type came from a
 * customer and must never make a client render the bytes as something else.
 */
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { notFound } from '../http/errors.js';

export function registerDocumentRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.get<{ Params: { id: string } }>(`${API_PREFIX}/documents/:id`, { config: { faults: true } }, (request, reply) => {
    ctx.auth.require(request, ['agent', 'verifier']);
    const doc = ctx.documents.get(request.params.id);
    if (!doc) throw notFound(`Document ${request.params.id}`);
    return reply
      .headers({
        'content-type': 'application/octet-stream',
        'content-length': String(doc.size),
        'x-content-sha256': doc.sha256,
        'content-disposition': 'attachment',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      .send(doc.bytes);
  });
}
