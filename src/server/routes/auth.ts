/**
 * POST /v1/auth/login, /v1/auth/refresh, /v1/auth/logout and GET /v1/me.
 * None of them is subject to fault injection.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ROLES } from '../../shared/entities.js';
import type { Role } from '../../shared/entities.js';
import { LoginRequest, PATHS, RefreshRequest } from '../../shared/sync-protocol.js';
import type { LoginResponse } from '../../shared/sync-protocol.js';
import type { BackendContext } from '../context.js';
import { bearerToken } from '../http/auth.js';
import type { Principal } from '../http/auth.js';
import { HttpError, invalidBody } from '../http/errors.js';
import { clientKey } from '../http/client-key.js';
import { isRefusal } from '../store/login-throttle.js';
import type { ThrottleRefusal } from '../store/login-throttle.js';
import type { IssuedTokens } from '../store/sessions.js';

/** Internal roles (like "intake") are not part of the console's role list. */
function publicAgent(p: Principal): LoginResponse['agent'] {
  return {
    id: p.agentId ?? p.login,
    name: p.name,
    roles: p.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
  };
}

function tooManyAttempts(refusal: ThrottleRefusal): HttpError {
  const seconds = Math.max(1, Math.ceil(refusal.retryAfterMs / 1000));
  const message =
    refusal.reason === 'locked'
      ? 'This login is locked after repeated failed attempts.'
      : refusal.reason === 'login'
        ? 'Too many failed attempts for this login.'
        : 'Too many failed attempts from this address.';
  return new HttpError(
    429,
    'too_many_attempts',
    `${message} Try again in ${String(seconds)} s.`,
    {},
    {
      'retry-after': String(seconds),
    },
  );
}

export function registerAuthRoutes(app: FastifyInstance, ctx: BackendContext): void {
  /** The login answer for a session's tokens, roles resolved as every later call will resolve them. */
  async function answer(reply: FastifyReply, login: string, tokens: IssuedTokens): Promise<FastifyReply> {
    const principal = await ctx.auth.fromLogin(login);
    if (!principal) throw new Error(`The login ${login} of a session does not exist`);
    const body: LoginResponse = { ...tokens, agent: publicAgent(principal) };
    // Tokens must not linger in a cache between the backend and the console.
    return reply.code(200).header('cache-control', 'no-store').send(body);
  }

  app.post(PATHS.login, async (request, reply) => {
    const body = LoginRequest.safeParse(request.body);
    if (!body.success) throw invalidBody(body.error);
    const { login, password } = body.data;
    const attempt = await ctx.loginThrottle.begin(login, clientKey(request.ip), ctx.now());
    if (isRefusal(attempt)) throw tooManyAttempts(attempt);
    const credential = await ctx.credentials.verify(login, password);
    if (!credential) throw new HttpError(401, 'invalid_credentials', 'Unknown login or wrong password.');
    await attempt.succeeded();
    return answer(reply, credential.login, await ctx.sessions.open(credential.login, ctx.now()));
  });

  app.post(PATHS.refresh, async (request, reply) => {
    const body = RefreshRequest.safeParse(request.body);
    if (!body.success) throw invalidBody(body.error);
    const result = await ctx.sessions.refresh(body.data.refreshToken, ctx.now());
    if (result.status === 'ok') return answer(reply, result.login, result.tokens);
    if (result.status === 'expired') throw new HttpError(401, 'token_expired', 'The session has ended: sign in again.');
    if (result.status === 'revoked')
      throw new HttpError(
        401,
        'token_revoked',
        'The session was ended (signed out, or its refresh token was used twice): sign in again.',
      );
    throw new HttpError(401, 'unauthenticated', 'The refresh token is not one this backend issued.');
  });

  app.post(PATHS.logout, async (request, reply) => {
    const token = bearerToken(request);
    // Who signs out, asked before the session ends: their presence ends with it, not a minute later.
    const leaving = token === null ? null : await ctx.auth.principal(request).catch(() => null);
    if (token === null || !(await ctx.sessions.logout(token, ctx.now()))) {
      throw new HttpError(
        401,
        'unauthenticated',
        'Authorization: Bearer <token> of a session is required.',
        {},
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    if (leaving?.agentId != null) {
      await ctx.presence.say({ agentId: leaving.agentId, name: leaving.name }, { ticketId: null, activity: 'viewing' });
    }
    return reply.code(204).send();
  });

  app.get(PATHS.me, async (request, reply) => {
    const principal = await ctx.auth.principal(request);
    return reply.send({ agent: publicAgent(principal) });
  });
}
