/**
 * GET /v1/attachments/:id: a ticket's attachment, for the roles that see
 * tickets (agent, expert). Identity documents are not attachments: their id
 * answers 404 here, whoever asks, and they stay behind /v1/documents/:id
 * (verifiers only, each download audited). Like a document: always
 * application/octet-stream and attachment, since the declared type came from
 * a customer and must never make a client render the bytes as something else.
 */
import type { FastifyInstance } from 'fastify';
import { FEED_KINDS_BY_ROLE } from '../../shared/feed-scopes.js';
import type { Role } from '../../shared/entities.js';
import { API_PREFIX } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { notFound } from '../http/errors.js';

/** Whoever's feed carries tickets may read their attachments: the same table decides both. */
const TICKET_ROLES = (Object.keys(FEED_KINDS_BY_ROLE) as Role[]).filter((r) =>
  FEED_KINDS_BY_ROLE[r].includes('ticket'),
);

export function registerAttachmentRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.get<{ Params: { id: string } }>(
    `${API_PREFIX}/attachments/:id`,
    { config: { faults: true }, exposeHeadRoute: false },
    async (request, reply) => {
      await ctx.auth.require(request, TICKET_ROLES);
      const id = request.params.id;
      const doc = await ctx.documents.get(id);
      // A recovery request's document is not a ticket's attachment: the same answer as an unknown id.
      if (doc === undefined || doc.recoveryId !== null || doc.purgedAt !== null) throw notFound(`Attachment ${id}`);
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
    },
  );
}
