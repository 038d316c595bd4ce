/** POST /v1/auth/login and GET /v1/me. Login is never subject to fault injection. */
import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../shared/entities.js';
import type { Role } from '../../shared/entities.js';
import { LoginRequest, PATHS } from '../../shared/sync-protocol.js';
import type { LoginResponse } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import type { Principal } from '../http/auth.js';
import { HttpError, invalidBody } from '../http/errors.js';

/** Internal roles (like "intake") are not part of the console's role list. */
function publicAgent(p: Principal): LoginResponse['agent'] {
  return {
    id: p.agentId ?? p.login,
    name: p.name,
    roles: p.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
  };
}

export function registerAuthRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.post(PATHS.login, (request, reply) => {
    const body = LoginRequest.safeParse(request.body);
    if (!body.success) throw invalidBody(body.error);
    const result = ctx.credentials.login(body.data.login, body.data.password, ctx.now());
    if (!result) throw new HttpError(401, 'invalid_credentials', 'Unknown login or wrong password.');
    // Resolve roles the same way every later call will (agent record + extra roles).
    const principal = ctx.auth.fromToken(result.token);
    if (!principal) throw new Error('A token just issued does not resolve');
    const answer: LoginResponse = { token: result.token, agent: publicAgent(principal) };
    return reply.code(200).send(answer);
  });

  app.get(PATHS.me, (request, reply) => {
    const principal = ctx.auth.principal(request);
    return reply.send({ agent: publicAgent(principal) });
  });
}
