/**
 * Every text a queue row shows, translated once per language. A row used to
 * call i18next's `t` five or six times per render: with ~60 rows re-rendered
 * for each window of rows that arrives while scrolling, that was a few
 * hundred key lookups (path parsing, interpolation checks) in the frame.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, TICKET_STATUSES } from '../../../../shared/entities.js';
import type { Ticket, TicketStatus } from '../../../../shared/entities.js';

export interface RowLabels {
  loading: string;
  pending: string;
  needsAttention: string;
  chatTermination: string;
  callback: string;
  level2: string;
  exact: string;
  olderThanADay: string;
  /** The age's tooltip: when the ticket came in. */
  createdAt: (date: string) => string;
  priority: Record<Ticket['priority'], string>;
  status: Record<TicketStatus, string>;
}

export function useRowLabels(): RowLabels {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(
    () => ({
      loading: t('queue.loadingRow'),
      pending: t('row.pending'),
      needsAttention: t('row.needsAttention'),
      chatTermination: t('row.chatTermination'),
      callback: t('row.callback'),
      level2: t('row.level2'),
      exact: t('row.exact'),
      olderThanADay: t('row.olderThanADay'),
      createdAt: (date: string) => t('row.createdAt', { date }),
      priority: Object.fromEntries(PRIORITIES.map((p) => [p, t(`priority.${p}`)])) as Record<
        Ticket['priority'],
        string
      >,
      status: Object.fromEntries(TICKET_STATUSES.map((s) => [s, t(`status.${s}`)])) as Record<TicketStatus, string>,
    }),
    // `language` as well as `t`: the labels must follow a language switch even if `t` kept its identity.
    [t, language],
  );
}
