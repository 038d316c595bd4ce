/**
 * Who hears a presence event on the push channel: the consoles whose scope
 * holds tickets (agents, experts; never a verifier alone, to whom a ticket
 * id is not theirs to know), never the person it describes.
 */
import type { PresenceEvent } from '../../shared/presence.js';
import type { PushAudience } from '../push.js';
import { sseEvent } from '../push.js';
import { inScope } from '../store/scope.js';
import type { PresenceHub } from './hub.js';

export const PRESENCE_EVENT = 'presence';

export function hearsPresenceOf(event: PresenceEvent, audience: PushAudience): boolean {
  return inScope(audience.scope, 'ticket') && audience.agentId !== event.agentId;
}

/** What a console that just connected is told: everyone else present now, one event each. */
export function presenceGreeting(hub: PresenceHub, audience: PushAudience): string {
  return hub
    .present()
    .filter((e) => hearsPresenceOf(e, audience))
    .map((e) => sseEvent(PRESENCE_EVENT, e))
    .join('');
}
