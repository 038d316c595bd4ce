/**
 * Desktop alerts the shell raises from the services' own data:
 * - experts: a callback of theirs that starts within the next minutes;
 * - verifiers: a recovery request that arrived while the console ran (the
 *   backend assigns requests to no one in particular: every verifier is
 *   told; the ones already there at start are not announced).
 * The texts name the record only (no customer name, number or document):
 * notifications show on lock screens and in notification histories.
 */
import type { CallbackDay } from '../../shared/ipc-callbacks.js';
import type { RecoveryQueueEntry } from '../../shared/ipc-recovery.js';
import type { ShellAlert } from '../../shared/ipc-shell.js';
import type { Session, UiLanguage } from '../../shared/ipc.js';
import type { Handlers } from '../../shared/ipc-handlers.js';

export const CALLBACK_LEAD_MS = 10 * 60_000;

const TEXT = {
  fr: {
    callback: (time: string) => `Rappel à ${time}`,
    callbackBody: (ticket: string) => `Ticket ${ticket}`,
    recovery: 'Nouvelle demande de récupération',
    recoveryBody: (id: string) => `Demande ${id} à vérifier`,
  },
  de: {
    callback: (time: string) => `Rückruf um ${time}`,
    callbackBody: (ticket: string) => `Ticket ${ticket}`,
    recovery: 'Neue Wiederherstellungsanfrage',
    recoveryBody: (id: string) => `Anfrage ${id} zu prüfen`,
  },
  en: {
    callback: (time: string) => `Callback at ${time}`,
    callbackBody: (ticket: string) => `Ticket ${ticket}`,
    recovery: 'New recovery request',
    recoveryBody: (id: string) => `Request ${id} to verify`,
  },
} as const;

const zurichTime = (iso: string): string =>
  new Intl.DateTimeFormat('de-CH', { timeZone: 'Europe/Zurich', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

/** Scheduled callbacks starting within `leadMs` (and not yet announced); marks them announced. */
export function callbacksDueSoon(
  day: CallbackDay,
  now: Date,
  announced: Set<string>,
  language: UiLanguage,
  leadMs = CALLBACK_LEAD_MS,
): ShellAlert[] {
  const t = TEXT[language];
  const alerts: ShellAlert[] = [];
  for (const item of day.items) {
    const cb = item.callback;
    const untilStart = Date.parse(cb.startsAt) - now.getTime();
    if (cb.status !== 'scheduled' || untilStart <= 0 || untilStart > leadMs || announced.has(cb.id)) continue;
    announced.add(cb.id);
    alerts.push({
      kind: 'callback-due',
      title: t.callback(zurichTime(cb.startsAt)),
      body: t.callbackBody(cb.ticketId),
      record: { kind: 'ticket', id: cb.ticketId },
    });
  }
  return alerts;
}

/** Pending requests not seen before; the first call only learns what is there. */
export function newRecoveryRequests(
  queue: readonly RecoveryQueueEntry[],
  seen: Set<string> | null,
  language: UiLanguage,
): { alerts: ShellAlert[]; seen: Set<string> } {
  const t = TEXT[language];
  const next = new Set(queue.map((e) => e.id));
  if (seen === null) return { alerts: [], seen: next };
  const alerts = queue
    .filter((e) => e.status === 'pending' && !seen.has(e.id))
    .map((e): ShellAlert => ({
      kind: 'recovery-assigned',
      title: t.recovery,
      body: t.recoveryBody(e.id),
      record: { kind: 'recovery', id: e.id },
    }));
  return { alerts, seen: new Set([...seen, ...next]) };
}

export interface Reminders {
  /** Call on `recovery:changed`. */
  recoveryChanged(): void;
  stop(): void;
}

/** Runs the two watchers for whoever is signed in (their roles decide which). */
export function startReminders(o: {
  handlers: Pick<Handlers, 'session:get' | 'callbacks:day' | 'recovery:queue'>;
  now: () => Date;
  show: (alert: ShellAlert) => void;
  everyMs?: number;
}): Reminders {
  const announced = new Set<string>();
  let seen: Set<string> | null = null;
  let stopped = false;
  const session = async (): Promise<Session | null> => {
    if (stopped) return null;
    try {
      return await o.handlers['session:get']();
    } catch {
      return null; // nobody signed in yet
    }
  };

  const checkCallbacks = async (): Promise<void> => {
    const s = await session();
    if (s === null || !s.agent.roles.includes('expert')) return;
    const day = await o.handlers['callbacks:day'](null, null);
    for (const alert of callbacksDueSoon(day, o.now(), announced, s.language)) o.show(alert);
  };
  const checkRecovery = async (): Promise<void> => {
    const s = await session();
    if (s === null || !s.agent.roles.includes('verifier')) return;
    const result = newRecoveryRequests(await o.handlers['recovery:queue'](), seen, s.language);
    seen = result.seen;
    for (const alert of result.alerts) o.show(alert);
  };
  const quietly = (run: () => Promise<void>) => () => {
    // Signed out, or the cache busy: the next tick tries again.
    run().catch(() => undefined);
  };
  const timer = setInterval(quietly(checkCallbacks), o.everyMs ?? 60_000);
  quietly(checkCallbacks)();
  quietly(checkRecovery)();
  return {
    recoveryChanged: quietly(checkRecovery),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
