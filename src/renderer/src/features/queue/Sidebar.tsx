/** Views and categories with their live counts; choosing one restarts the queue query. */
import { useTranslation } from 'react-i18next';
import { VIEW_IDS } from '../../../../shared/ipc.js';
import type { ViewId } from '../../../../shared/ipc.js';
import { formatCount } from '../../lib/format.js';
import { categoryName } from '../../lib/names.js';
import { useStore } from '../../store/index.js';
import { CallbackReminders } from '../callbacks/useCallbackReminders.js';

export function Sidebar() {
  const { t } = useTranslation();
  const view = useStore((s) => s.view);
  const categoryId = useStore((s) => s.categoryId);
  const counts = useStore((s) => s.counts);
  const categories = useStore((s) => s.categories);
  const language = useStore((s) => s.language);
  const setView = useStore((s) => s.setView);

  const isCurrent = (v: ViewId, c: string | null) => view === v && categoryId === c;

  return (
    <nav className="sidebar" aria-label={t('sidebar.label')} data-testid="sidebar">
      <CallbackReminders />
      <h2 className="sidebar-heading">{t('sidebar.views')}</h2>
      <ul>
        {VIEW_IDS.map((v) => (
          <li key={v}>
            <button
              type="button"
              className="sidebar-item"
              aria-current={isCurrent(v, null) ? 'page' : undefined}
              data-testid={`view-${v}`}
              onClick={() => {
                setView(v, null);
              }}
            >
              <span className="sidebar-name">{t(`view.${v}`)}</span>
              <span className="sidebar-count">{counts ? formatCount(counts.views[v], language) : ''}</span>
            </button>
          </li>
        ))}
      </ul>
      <h2 className="sidebar-heading">{t('sidebar.categories')}</h2>
      {/* The three numbers beside each category, named once (each button's accessible name says them too). */}
      <p className="sidebar-legend" data-testid="sidebar-legend">
        <span className="sidebar-legend-label">{t('sidebar.legend.label')}</span>
        <span className="sidebar-counts">
          <span className="count-new">{t('sidebar.legend.new')}</span>
          <span className="count-open">{t('sidebar.legend.open')}</span>
          <span className="count-pending">{t('sidebar.legend.pending')}</span>
        </span>
      </p>
      <ul>
        {(counts?.categories ?? []).map((c) => (
          <li key={c.categoryId}>
            <button
              type="button"
              className="sidebar-item sidebar-category"
              aria-current={isCurrent('all', c.categoryId) ? 'page' : undefined}
              data-testid={`category-${c.categoryId}`}
              aria-label={t('sidebar.categoryCounts', {
                name: categoryName(categories, c.categoryId, language),
                new: c.new,
                open: c.open,
                pending: c.pending,
              })}
              onClick={() => {
                setView('all', c.categoryId);
              }}
            >
              {/* The name is cut when big counts take the width: the title shows it whole on hover. */}
              <CategoryName name={categories.length > 0 ? categoryName(categories, c.categoryId, language) : c.name} />
              <span className="sidebar-counts" aria-hidden="true">
                <span className="count-new" title={t('status.new')}>
                  {formatCount(c.new, language)}
                </span>
                <span className="count-open" title={t('status.open')}>
                  {formatCount(c.open, language)}
                </span>
                <span className="count-pending" title={t('status.pending')}>
                  {formatCount(c.pending, language)}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function CategoryName({ name }: { name: string }) {
  return (
    <span className="sidebar-name" title={name}>
      {name}
    </span>
  );
}
