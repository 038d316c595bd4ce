/** GET /v1/events: Server-Sent Events push (see push.ts). */
import type { FastifyInstance } from 'fastify';
import { PATHS } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { bearerToken, CONSOLE_ROLES } from '../http/auth.js';
import { presenceGreeting } from '../presence/fan-out.js';
import { feedScopeOf } from '../store/scope.js';

export function registerEventRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.get(PATHS.events, async (request, reply) => {
    // Auth errors go through the normal error handler; only a verified client gets the stream.
    const principal = await ctx.auth.require(request, CONSOLE_ROLES);
    const token = bearerToken(request) ?? '';
    reply.hijack();
    // The scope is fixed for the stream's life; a role change shows at the next pull, which refuses the old cursor.
    ctx.push.attach(
      reply.raw,
      feedScopeOf(principal.roles),
      async () => (await ctx.sessions.checkAccess(token, ctx.now())).status === 'ok',
      { agentId: principal.agentId, greeting: (audience) => presenceGreeting(ctx.presence, audience) },
    );
  });
}
