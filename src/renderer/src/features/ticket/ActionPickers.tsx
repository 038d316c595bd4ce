/**
 * The pickers behind c (category), a (assignee), s (status) and m (the duplicate to merge, among several),
 * and the merge's confirmation.
 */
import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES } from '../../../../shared/entities.js';
import type { TicketStatus } from '../../../../shared/entities.js';
import { Picker } from '../../components/Picker.js';
import type { PickerItem } from '../../components/Picker.js';
import { categoryName } from '../../lib/names.js';
import { useStore } from '../../store/index.js';
import { targetTicketId } from '../ui/commands.js';
import { MergeDialog } from './MergeDialog.js';

const NOBODY = '__nobody__';

export function ActionPickers() {
  const { t } = useTranslation();
  const overlay = useStore((s) => s.overlay);
  const openOverlay = useStore((s) => s.openOverlay);
  const act = useStore((s) => s.act);
  const categories = useStore((s) => s.categories);
  const agents = useStore((s) => s.agents);
  const session = useStore((s) => s.session);
  const language = useStore((s) => s.language);
  const detail = useStore((s) => s.detail);
  const cache = useStore((s) => s.cache);
  const askMerge = useStore((s) => s.askMerge);

  const target = targetTicketId();
  if (target === null) return null;
  const current = detail?.ticket.id === target ? detail.ticket : null;
  const row = cache.rowAt(cache.indexOf(target));
  const close = () => {
    openOverlay(null);
  };
  const pick = (run: (value: string) => void) => (value: string) => {
    openOverlay(null);
    run(value);
  };

  switch (overlay) {
    case 'category': {
      const now = current?.categoryId ?? row?.categoryId;
      const items: PickerItem[] = categories.map((c) => ({
        value: c.id,
        label: categoryName(categories, c.id, language),
        current: c.id === now,
      }));
      return (
        <Picker
          title={t('action.recategorise')}
          testId="category-picker"
          items={items}
          onClose={close}
          onPick={pick((categoryId) => void act({ type: 'recategorise', ticketId: target, categoryId }))}
        />
      );
    }
    case 'assign': {
      const me = session?.agent.id;
      const now = current?.assigneeId ?? row?.assigneeId ?? null;
      const items: PickerItem[] = [
        ...(me !== undefined
          ? [{ value: me, label: t('assign.me'), hint: session?.agent.name, current: now === me }]
          : []),
        ...agents.filter((a) => a.id !== me).map((a) => ({ value: a.id, label: a.name, current: a.id === now })),
        { value: NOBODY, label: t('assign.nobody'), current: now === null },
      ];
      return (
        <Picker
          title={t('action.assign')}
          testId="assign-picker"
          items={items}
          onClose={close}
          onPick={pick((v) => void act({ type: 'assign', ticketId: target, assigneeId: v === NOBODY ? null : v }))}
        />
      );
    }
    case 'status': {
      const now = current?.status ?? row?.status;
      const items: PickerItem[] = TICKET_STATUSES.map((s) => ({
        value: s,
        label: t(`status.${s}`),
        current: s === now,
      }));
      return (
        <Picker
          title={t('action.status')}
          testId="status-picker"
          items={items}
          onClose={close}
          onPick={pick((v) => void act({ type: 'setStatus', ticketId: target, status: v as TicketStatus }))}
        />
      );
    }
    case 'merge': {
      if (!current || !detail) return null;
      const items: PickerItem[] = detail.duplicates.map((d) => ({
        value: d.id,
        label: d.subject,
        hint: d.requesterName,
      }));
      return (
        <Picker
          title={t('action.merge')}
          testId="merge-picker"
          items={items}
          onClose={close}
          onPick={pick((id) => void askMerge(id))}
        />
      );
    }
    case 'mergeConfirm':
      return <MergeDialog />;
    default:
      return null;
  }
}
