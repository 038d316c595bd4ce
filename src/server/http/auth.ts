/**
 * Bearer-token checks. Roles are read from the agent record on every call,
 * so a role granted or withdrawn in the backoffice applies at once.
 */
import type { FastifyRequest } from 'fastify';
import { ROLES } from '../../shared/entities.js';
import type { Credentials } from '../store/credentials.js';
import type { RecordStore } from '../store/records.js';
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

export class Authenticator {
  constructor(
    private readonly credentials: Credentials,
    private readonly records: RecordStore,
  ) {}

  principal(request: FastifyRequest): Principal {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(header);
    const principal = match?.[1] ? this.fromToken(match[1]) : null;
    if (!principal) {
      throw new HttpError(
        401,
        'unauthenticated',
        header === '' ? 'Authorization: Bearer <token> is required.' : 'The token is invalid or expired.',
        {},
        { 'www-authenticate': 'Bearer' },
      );
    }
    return principal;
  }

  fromToken(token: string): Principal | null {
    const credential = this.credentials.byToken(token);
    if (!credential) return null;
    const roles = new Set(credential.extraRoles);
    let name = credential.displayName;
    if (credential.agentId !== null) {
      const agent = this.records.getRaw('agent', credential.agentId) as { roles?: unknown; name?: unknown } | undefined;
      if (Array.isArray(agent?.roles)) for (const r of agent.roles) if (typeof r === 'string') roles.add(r);
      if (typeof agent?.name === 'string') name = agent.name;
    }
    return { login: credential.login, agentId: credential.agentId, name, roles: [...roles] };
  }

  /** The caller, if it holds at least one of `anyOf`; 401/403 otherwise. */
  require(request: FastifyRequest, anyOf: readonly string[]): Principal {
    const p = this.principal(request);
    if (!anyOf.some((r) => p.roles.includes(r))) {
      throw new HttpError(403, 'role_missing', `This call needs the role ${anyOf.join(' or ')}.`);
    }
    return p;
  }

  /** Like require, for calls made on behalf of an agent (mutations): the principal has an agent id. */
  requireAgent(request: FastifyRequest, role: string): Principal & { agentId: string } {
    const p = this.require(request, [role]);
    if (p.agentId === null) throw new HttpError(403, 'role_missing', `This call needs the role ${role}.`);
    return { ...p, agentId: p.agentId };
  }
}
