/** Search (`/` focuses it), sort and status filter; all combine in the one queue query. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_SORTS } from '../../../../shared/ipc.js';
import { TICKET_STATUSES } from '../../../../shared/entities.js';
import { effectiveSort, sortAvailable } from '../../../../shared/queue-sort.js';
import { MAX_SEARCH_LENGTH } from '../../../../shared/search-words.js';
import { QUEUE_LIST_ID, SEARCH_ID, focusById } from '../../lib/focus.js';
import { useStore } from '../../store/index.js';
import type { QueueSort } from './queue-slice.js';

/** Waits for a pause in typing: each query is a full-text search over a million rows. */
const SEARCH_DEBOUNCE_MS = 200;

export function QueueToolbar() {
  const { t } = useTranslation();
  const search = useStore((s) => s.search);
  const setSearch = useStore((s) => s.setSearch);
  const sort = useStore((s) => s.sort);
  const setSort = useStore((s) => s.setSort);
  const statuses = useStore((s) => s.statuses);
  const setStatuses = useStore((s) => s.setStatuses);
  const [draft, setDraft] = useState(search);
  // The agent's choice is kept; with solved or closed ticked, lists show by last update (shared/queue-sort.ts).
  const shownSort = effectiveSort(sort, statuses);

  useEffect(() => {
    if (draft === search) return;
    const timer = setTimeout(() => {
      setSearch(draft);
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [draft, search, setSearch]);

  return (
    <div className="queue-toolbar" data-testid="queue-toolbar">
      <div className="search-box" role="search">
        <label htmlFor={SEARCH_ID} className="visually-hidden">
          {t('queue.search')}
        </label>
        <input
          id={SEARCH_ID}
          type="search"
          data-testid="queue-search"
          placeholder={t('queue.searchPlaceholder')}
          value={draft}
          maxLength={MAX_SEARCH_LENGTH}
          autoComplete="off"
          onChange={(e) => {
            setDraft(e.target.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'ArrowDown') {
              e.preventDefault();
              setSearch(draft);
              focusById(QUEUE_LIST_ID);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              if (draft !== '') {
                setDraft('');
                setSearch('');
              } else focusById(QUEUE_LIST_ID);
            }
          }}
        />
      </div>
      <div className="queue-controls">
        <label className="control">
          <span>{t('queue.sort')}</span>
          <select
            data-testid="queue-sort"
            value={shownSort}
            title={shownSort === sort ? undefined : t('sort.openWorkOnly')}
            onChange={(e) => {
              setSort(e.target.value as QueueSort);
            }}
          >
            {QUEUE_SORTS.map((s) => (
              <option key={s} value={s} disabled={!sortAvailable(s, statuses)}>
                {t(`sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="status-filter" data-testid="status-filter">
          <legend className="visually-hidden">{t('queue.statusFilter')}</legend>
          {TICKET_STATUSES.map((s) => (
            <label key={s} className="chip">
              <input
                type="checkbox"
                data-testid={`status-filter-${s}`}
                checked={statuses.includes(s)}
                onChange={(e) => {
                  setStatuses(e.target.checked ? [...statuses, s] : statuses.filter((x) => x !== s));
                }}
              />
              <span>{t(`status.${s}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
