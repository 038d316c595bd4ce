/**
 * Presence on tickets: who else has a ticket open, and whether they are
 * writing a reply. The console tells the backend (POST /v1/presence, a light
 * heartbeat), the backend fans it out to the other consoles on the push
 * channel (`event: presence`). Presence is never a record of the change
 * feed: it lives in memory on both sides and ends with a console that goes
 * quiet (docs/openapi.yaml, "Presence").
 */
import { z } from 'zod';
import { API_PREFIX } from './sync-protocol.js';

export const PRESENCE_PATH = `${API_PREFIX}/presence`;

export const PRESENCE_ACTIVITIES = ['viewing', 'replying'] as const;
export const PresenceActivity = z.enum(PRESENCE_ACTIVITIES);
export type PresenceActivity = z.infer<typeof PresenceActivity>;

/** What a console says about its person: the ticket open (null: none) and what they do there. */
export const PresenceUpdate = z
  .object({
    ticketId: z.string().min(1).max(64).nullable(),
    activity: PresenceActivity,
  })
  .strict();
export type PresenceUpdate = z.infer<typeof PresenceUpdate>;

/** The push channel's `presence` event: a person's presence now; `ticketId: null` means gone. */
export const PresenceEvent = z.object({
  agentId: z.string().min(1),
  name: z.string(),
  ticketId: z.string().min(1).nullable(),
  activity: PresenceActivity,
});
export type PresenceEvent = z.infer<typeof PresenceEvent>;

/** Someone else on a ticket, as the console shows them. */
export interface PresenceEntry {
  agentId: string;
  name: string;
  ticketId: string;
  activity: PresenceActivity;
}

/**
 * The console's keep-alive while nothing changes. The backend forgets a
 * console after 2.5 of these without a word (PRESENCE_TTL_MS): one late
 * heartbeat does not make a person vanish, a console that went away does
 * within about a minute.
 */
export const PRESENCE_HEARTBEAT_MS = 25_000;
export const PRESENCE_TTL_MS = Math.round(2.5 * PRESENCE_HEARTBEAT_MS);
