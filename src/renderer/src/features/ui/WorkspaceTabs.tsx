/**
 * The desks of the console in the header: triage (agents), recovery
 * verification (verifiers), callbacks (experts), each with its live count.
 * Only the desks the person's roles open are shown, and always at least the
 * one they are on, so the header names where they are
 * (docs/product-rules.md#roles).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/entities.js';
import { subscribe } from '../../lib/api.js';
import { formatCount } from '../../lib/format.js';
import { shortcutLabel } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { DESKS } from './desks.js';
import type { CountedDesk, Workspace } from './ui-slice.js';

/** One array for "no session yet": a selector returning a fresh [] each time would re-render forever. */
const NO_ROLES: readonly Role[] = [];

/** Bookings and decisions arrive in bursts during a sync: one count per burst. */
const COUNT_DEBOUNCE_MS = 300;

/** The event after which each counted desk's figure may have changed (the same the desk itself follows). */
const COUNT_EVENTS = { recovery: 'recovery:changed', callbacks: 'tickets:changed' } as const;

/** Loads the recovery and callbacks counts of the desks shown, and again after their change events. */
function useDeskCounts(shown: readonly Workspace[]): void {
  const key = shown.join(',');
  useEffect(() => {
    const counted = key.split(',').filter((d): d is CountedDesk => d === 'recovery' || d === 'callbacks');
    const offs = counted.map((desk) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      void useStore.getState().refreshDeskCount(desk);
      const off = subscribe(COUNT_EVENTS[desk], () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          void useStore.getState().refreshDeskCount(desk);
        }, COUNT_DEBOUNCE_MS);
      });
      return () => {
        off();
        clearTimeout(timer);
      };
    });
    return () => {
      for (const off of offs) off();
    };
  }, [key]);
}

/** A desk's figure: open triage work (the sidebar's "all" view), pending requests, calls still to make today. */
function useDeskCount(desk: Workspace): number | null {
  return useStore((s) => (desk === 'triage' ? (s.counts?.views.all ?? null) : s.deskCounts[desk]));
}

function DeskTab({ desk, current }: { desk: (typeof DESKS)[number]; current: boolean }) {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const setWorkspace = useStore((s) => s.setWorkspace);
  const count = useDeskCount(desk.id);
  const name = t(`desks.${desk.id}`);
  return (
    <button
      type="button"
      className="desk-tab"
      aria-current={current ? 'page' : undefined}
      // "Vérification, 12 demandes en attente": the count is part of what a screen reader announces.
      aria-label={count === null ? name : t(`desks.named.${desk.id}`, { name, count })}
      data-testid={`desk-${desk.id}`}
      data-count={count ?? ''}
      title={shortcutLabel(desk.goTo)}
      onClick={() => {
        setWorkspace(desk.id);
      }}
    >
      {name}
      {count !== null && (
        <span className="desk-tab-count" aria-hidden="true" data-testid={`desk-${desk.id}-count`}>
          {formatCount(count, language)}
        </span>
      )}
    </button>
  );
}

export function WorkspaceTabs() {
  const { t } = useTranslation();
  const roles = useStore((s) => s.session?.agent.roles ?? NO_ROLES);
  const workspace = useStore((s) => s.workspace);
  const desks = DESKS.filter((d) => roles.includes(d.role));
  useDeskCounts(desks.map((d) => d.id));
  if (desks.length === 0) return null;
  return (
    <nav className="desk-tabs" aria-label={t('desks.label')} data-testid="desk-tabs">
      {desks.map((d) => (
        <DeskTab key={d.id} desk={d} current={workspace === d.id} />
      ))}
    </nav>
  );
}
