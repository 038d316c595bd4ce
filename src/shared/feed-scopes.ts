/**
 * Which record kinds of the change feed each console role receives
 * (docs/openapi.yaml, "Role scopes"). Personal data goes only to the roles
 * whose work needs it: recovery requests (requesters' addresses, phones,
 * reset e-mails) and their audit log reach verifiers only; tickets, their
 * messages and callbacks reach the agents and experts who answer them.
 * A person with several roles receives the union.
 */
import { ENTITY_KINDS } from './entities.js';
import type { EntityKind, Role } from './entities.js';

export const FEED_KINDS_BY_ROLE: Readonly<Record<Role, readonly EntityKind[]>> = {
  // Accounts: the customer's name, customer number, registered e-mails and
  // Priority Support end, which an agent answering a ticket needs to address
  // the customer and an expert needs to know whether a call is allowed.
  agent: ['category', 'agent', 'account', 'ticket', 'message', 'callback'],
  // A verifier compares the request with the account it matched; tickets are not their work.
  verifier: ['category', 'agent', 'account', 'recovery', 'audit'],
  expert: ['category', 'agent', 'account', 'ticket', 'message', 'callback'],
};

/** The kinds a caller with these roles receives, in bootstrap order; unknown roles add nothing. */
export function feedKindsFor(roles: readonly string[]): EntityKind[] {
  const granted = new Set<EntityKind>();
  for (const role of roles) {
    if (Object.hasOwn(FEED_KINDS_BY_ROLE, role)) {
      for (const kind of FEED_KINDS_BY_ROLE[role as Role]) granted.add(kind);
    }
  }
  return ENTITY_KINDS.filter((k) => granted.has(k));
}
