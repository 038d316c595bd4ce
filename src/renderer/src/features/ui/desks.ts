/**
 * Which desks a person's roles open, and where they land: triage for agents,
 * recovery verification for verifiers, callbacks for experts
 * (docs/product-rules.md#roles). The backend refuses what a role lacks; the
 * console does not offer it in the first place, so nobody meets an action
 * that is accepted on screen and refused later.
 */
import { DESKS as SHARED_DESKS } from '../../../../shared/desks.js';
import type { Role } from '../../../../shared/entities.js';
import { MUTATIONS } from '../../../../shared/mutations.js';
import type { MutationName } from '../../../../shared/mutations.js';
import type { CommandId } from '../../lib/keymap.js';
import type { Workspace } from './ui-slice.js';

/** Each desk's Alt+digit command in the keymap. */
const GO_TO: Record<Workspace, CommandId> = { triage: 'goTriage', recovery: 'goRecovery', callbacks: 'goCallbacks' };

/** In landing order (src/shared/desks.ts): a person with several roles starts on the first desk they may use. */
export const DESKS: readonly { id: Workspace; role: Role; goTo: CommandId }[] = SHARED_DESKS.map((d) => ({
  id: d.desk,
  role: d.role,
  goTo: GO_TO[d.desk],
}));

export function desksFor(roles: readonly Role[]): Workspace[] {
  return DESKS.filter((d) => roles.includes(d.role)).map((d) => d.id);
}

/** The desk a person starts on; null for someone whose roles open no desk. */
export function landingDesk(roles: readonly Role[]): Workspace | null {
  return desksFor(roles)[0] ?? null;
}

/** The desk an Alt+digit command opens; null for every other command. */
export function deskOpenedBy(id: CommandId): Workspace | null {
  return DESKS.find((d) => d.goTo === id)?.id ?? null;
}

/** The mutation each ticket command ends in: its role (src/shared/mutations.ts) is the one the command needs. */
const TICKET_MUTATIONS: Partial<Record<CommandId, MutationName>> = {
  recategorise: 'recategorise',
  assign: 'assign',
  status: 'setStatus',
  reply: 'reply',
  escalate: 'escalate',
  merge: 'merge',
  undoMerge: 'merge',
};

/**
 * Whether a person with these roles may use the command at all: a desk their
 * roles do not open, or an action whose mutation needs a role they lack, is
 * neither shown, listed nor reachable by its key.
 */
export function commandAllowed(id: CommandId, roles: readonly Role[]): boolean {
  const desk = deskOpenedBy(id);
  if (desk !== null) return desksFor(roles).includes(desk);
  const mutation = TICKET_MUTATIONS[id];
  return mutation === undefined || roles.includes(MUTATIONS[mutation].role);
}
