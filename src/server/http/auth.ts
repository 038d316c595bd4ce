/**
 * Bearer-token checks. Roles are read from the agent record on every call,
 * so a role granted or withdrawn in the backoffice applies at once.
 */
import type { FastifyRequest } from 'fastify';
import { ROLES } from '../../shared/entities.js';
import type { Credentials } from '../store/credentials.js';
import type { RecordStore } from '../store/records.js';
import type { Sessions } from '../store/sessions.js';
import { HttpError } from './errors.js';

export interface Principal {
  login: string;
  /** Null for service logins (the customer portal). */
  agentId: string | null;
  name: string;
  roles: string[];
}

/** Console users: anyone holding one of the agent-facing roles. */
export const CONSOLE_ROLES: readonly string[] = ROLES;

/** The token of `Authorization: Bearer <token>`, if the header has that shape. */
export function bearerToken(request: FastifyRequest): string | null {
  return /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

/** Why a request's token is refused, as the 401's reason. */
const REFUSED = {
  missing: ['unauthenticated', 'Authorization: Bearer <token> is required.'],
  unknown: ['unauthenticated', 'The token is not one this backend issued.'],
  expired: ['token_expired', 'The token has expired: refresh it or sign in again.'],
  revoked: ['token_revoked', 'The session was ended: sign in again.'],
} as const;

export class Authenticator {
  constructor(
    private readonly credentials: Credentials,
    private readonly sessions: Sessions,
    private readonly records: RecordStore,
    private readonly now: () => Date,
  ) {}

  async principal(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization ?? '';
    const token = bearerToken(request);
    const check = token === null ? null : await this.sessions.checkAccess(token, this.now());
    const principal = check?.status === 'ok' ? await this.fromLogin(check.login) : null;
    if (!principal) {
      const why = header === '' ? 'missing' : check === null || check.status === 'ok' ? 'unknown' : check.status;
      const [reason, message] = REFUSED[why];
      // RFC 6750: a token that was presented and refused is an "invalid_token".
      const challenge = why === 'missing' ? 'Bearer' : 'Bearer error="invalid_token"';
      throw new HttpError(401, reason, message, {}, { 'www-authenticate': challenge });
    }
    return principal;
  }

  /** The principal of a login, roles read from its agent record now. */
  async fromLogin(login: string): Promise<Principal | null> {
    const credential = await this.credentials.byLogin(login);
    if (!credential) return null;
    const roles = new Set(credential.extraRoles);
    let name = credential.displayName;
    if (credential.agentId !== null) {
      const agent = (await this.records.getRaw('agent', credential.agentId)) as
        { roles?: unknown; name?: unknown } | undefined;
      if (Array.isArray(agent?.roles)) for (const r of agent.roles) if (typeof r === 'string') roles.add(r);
      if (typeof agent?.name === 'string') name = agent.name;
    }
    return { login: credential.login, agentId: credential.agentId, name, roles: [...roles] };
  }

  /** The caller, if it holds at least one of `anyOf`; 401/403 otherwise. */
  async require(request: FastifyRequest, anyOf: readonly string[]): Promise<Principal> {
    const p = await this.principal(request);
    if (!anyOf.some((r) => p.roles.includes(r))) {
      throw new HttpError(403, 'role_missing', `This call needs the role ${anyOf.join(' or ')}.`);
    }
    return p;
  }

  /** Like require, for calls made on behalf of an agent (mutations): the principal has an agent id. */
  async requireAgent(request: FastifyRequest, role: string): Promise<Principal & { agentId: string }> {
    const p = await this.require(request, [role]);
    if (p.agentId === null) throw new HttpError(403, 'role_missing', `This call needs the role ${role}.`);
    return { ...p, agentId: p.agentId };
  }
}
