/**
 * POST /v1/presence: the caller's presence on a ticket (presence/hub.ts), for
 * the roles whose feed carries tickets (agent, expert): presence names a
 * ticket, which nobody else may learn of. Answered 204; the others hear it
 * on the push channel.
 */
import type { FastifyInstance } from 'fastify';
import { FEED_KINDS_BY_ROLE } from '../../shared/feed-scopes.js';
import type { Role } from '../../shared/entities.js';
import { PRESENCE_PATH, PresenceUpdate } from '../../shared/presence.js';
import type { BackendContext } from '../context.js';
import { HttpError, invalidBody } from '../http/errors.js';

/** The same table decides who receives tickets and who may say they are on one. */
export const PRESENCE_ROLES = (Object.keys(FEED_KINDS_BY_ROLE) as Role[]).filter((r) =>
  FEED_KINDS_BY_ROLE[r].includes('ticket'),
);

export function registerPresenceRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.post(PRESENCE_PATH, async (request, reply) => {
    const principal = await ctx.auth.require(request, PRESENCE_ROLES);
    if (principal.agentId === null) {
      throw new HttpError(403, 'role_missing', `This call needs the role ${PRESENCE_ROLES.join(' or ')}.`);
    }
    const body = PresenceUpdate.safeParse(request.body);
    if (!body.success) throw invalidBody(body.error);
    await ctx.presence.say({ agentId: principal.agentId, name: principal.name }, body.data);
    return reply.code(204).send();
  });
}
