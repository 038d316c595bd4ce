/**
 * The queue rows' presence marks: for each ticket someone else has open,
 * one sentence naming them all ("Marco Rossi rédige une réponse ; Léa Favre
 * regarde ce ticket") for the mark's accessible name and tooltip, and
 * whether one of them is replying (the mark then shows a pencil, not an eye).
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';
import { presentOn } from './presence-slice.js';
import './presence.css';

export interface RowPresence {
  label: string;
  replying: boolean;
}

export function usePresenceByTicket(): ReadonlyMap<string, RowPresence> {
  const { t } = useTranslation();
  const present = useStore((s) => s.present);
  return useMemo(() => {
    const byTicket = new Map<string, RowPresence>();
    for (const ticketId of new Set(present.map((p) => p.ticketId))) {
      const here = presentOn(present, ticketId);
      byTicket.set(ticketId, {
        label: here.map((p) => t(`presence.${p.activity}`, { name: p.name })).join(t('presence.separator')),
        replying: here.some((p) => p.activity === 'replying'),
      });
    }
    return byTicket;
  }, [present, t]);
}
