/**
 * The queue: which view, filters, sort and search, the rows of the visible
 * range (a bounded window cache, never the whole set), the selection, and
 * the sidebar counts. Rows come from main in windows (`queue:window`).
 */
import type { QueueCounts, QueueRowView, QueueWiden, QueueWindowQuery, ViewId } from '../../../../shared/ipc.js';
import { TICKET_STATUSES } from '../../../../shared/entities.js';
import type { TicketStatus } from '../../../../shared/entities.js';
import { MAX_SEARCH_LENGTH } from '../../../../shared/search-words.js';
import { call } from '../../lib/api.js';
import { WindowCache } from '../../lib/window-cache.js';
import type { SliceCreator } from '../../store/types.js';

export type QueueSort = QueueWindowQuery['sort'];
export const DEFAULT_STATUSES: TicketStatus[] = ['new', 'open', 'pending'];

export interface QueueSlice {
  view: ViewId;
  categoryId: string | null;
  statuses: TicketStatus[];
  sort: QueueSort;
  search: string;
  total: number;
  /** Null until the first window of the current query answered. */
  loaded: boolean;
  searchComplete: boolean;
  /** Rows at the top that the search named exactly (number, e-mail, customer number, domain). */
  exact: number;
  /** With nothing found: what wider filters would find (the empty list offers them). */
  widen: QueueWiden | null;
  cache: WindowCache;
  /** Bumped on every cache change: the cache is mutable, this is what components subscribe to. */
  rowsVersion: number;
  /** Bumped on every query change; answers for an older generation are dropped. */
  generation: number;
  visible: { start: number; end: number };
  selectedIndex: number;
  selectedId: string | null;
  counts: QueueCounts | null;
  setView: (view: ViewId, categoryId: string | null) => void;
  setSort: (sort: QueueSort) => void;
  setStatuses: (statuses: TicketStatus[]) => void;
  setSearch: (search: string) => void;
  /** One click out of an empty list: every status here, or every ticket. */
  widenTo: (to: keyof QueueWiden) => void;
  loadRange: (start: number, end: number) => void;
  refreshRows: () => void;
  refreshCounts: () => Promise<void>;
  select: (index: number) => void;
  patchRow: (id: string, change: Partial<QueueRowView>) => QueueRowView | null;
}

export const createQueueSlice: SliceCreator<QueueSlice> = (set, get) => {
  const query = (): Omit<QueueWindowQuery, 'offset' | 'limit'> => {
    const s = get();
    return {
      view: s.view,
      categoryId: s.categoryId,
      statuses: s.statuses,
      sort: s.sort,
      search: s.search.trim().slice(0, MAX_SEARCH_LENGTH),
    };
  };

  /**
   * Page requests in flight for the current query. At most MAX_IN_FLIGHT: a
   * fast scroll or a drag of the scrollbar passes hundreds of pages, and main
   * answers one at a time; each free slot goes to a page that is on screen
   * *now*, never to a backlog of pages already scrolled past.
   */
  let flying = { generation: -1, count: 0 };
  const MAX_IN_FLIGHT = 2;

  const fetchVisible = (): void => {
    const { generation } = get();
    if (flying.generation !== generation) flying = { generation, count: 0 };
    while (flying.count < MAX_IN_FLIGHT) {
      const { cache, loaded, total, visible } = get();
      // Before the first answer the total is unknown, and an empty answer may be outdated by the next
      // change (a first sync fills an empty cache): in both cases ask for the first page, never for nothing.
      const next = cache.missing(visible.start, visible.end, loaded && total > 0 ? total : cache.pageSize)[0];
      if (next === undefined) return;
      cache.markInFlight(next.page);
      const counter = flying;
      counter.count += 1;
      let answered = false;
      call('queue:window', { ...query(), offset: next.offset, limit: next.limit })
        .then(
          (w) => {
            if (get().generation !== generation) return;
            answered = true;
            cache.put(next.page, w.rows);
            const selectedId = get().cache.rowAt(get().selectedIndex)?.id ?? get().selectedId;
            set({
              total: w.total,
              loaded: true,
              searchComplete: w.searchComplete,
              exact: w.exact,
              // Only the first window tells (an empty list has no other); a later page keeps what it said.
              ...(next.offset === 0 ? { widen: w.widen } : {}),
              rowsVersion: get().rowsVersion + 1,
              selectedId,
            });
          },
          (e: unknown) => {
            cache.fail(next.page);
            get().notify({ kind: 'error', key: 'notice.loadFailed', text: e instanceof Error ? e.message : '' });
          },
        )
        .finally(() => {
          counter.count -= 1;
          // After a failure the page waits for the next scroll or change (no retry loop against a dead main).
          if (answered && get().generation === generation) fetchVisible();
        });
    }
  };

  /** A new query: forget the rows, start at the top, ask for the first page. */
  const restart = (change: Partial<QueueSlice>) => {
    get().cache.clear();
    set({
      ...change,
      generation: get().generation + 1,
      loaded: false,
      exact: 0,
      widen: null,
      selectedIndex: 0,
      selectedId: null,
    });
    get().loadRange(0, get().cache.pageSize - 1);
  };

  return {
    view: 'all',
    categoryId: null,
    statuses: DEFAULT_STATUSES,
    sort: 'updated',
    search: '',
    total: 0,
    loaded: false,
    searchComplete: true,
    exact: 0,
    widen: null,
    cache: new WindowCache(),
    rowsVersion: 0,
    generation: 0,
    visible: { start: 0, end: 0 },
    selectedIndex: 0,
    selectedId: null,
    counts: null,
    setView: (view, categoryId) => {
      restart({ view, categoryId });
    },
    setSort: (sort) => {
      restart({ sort });
    },
    setStatuses: (statuses) => {
      if (statuses.length > 0) restart({ statuses });
    },
    setSearch: (search) => {
      restart({ search });
    },
    widenTo: (to) => {
      const statuses = [...TICKET_STATUSES];
      restart(to === 'allStatuses' ? { statuses } : { view: 'all', categoryId: null, statuses });
    },
    loadRange: (start, end) => {
      set({ visible: { start, end } });
      fetchVisible();
    },
    refreshRows: () => {
      get().cache.invalidate();
      const { start, end } = get().visible;
      get().loadRange(start, Math.max(end, start));
    },
    refreshCounts: async () => {
      try {
        set({ counts: await call('queue:counts') });
      } catch {
        // Counts are a convenience; the next change event tries again.
      }
    },
    select: (index) => {
      const { total } = get();
      const clamped = Math.max(0, Math.min(index, total - 1));
      set({ selectedIndex: clamped, selectedId: get().cache.rowAt(clamped)?.id ?? null });
    },
    patchRow: (id, change) => {
      const before = get().cache.patch(id, change);
      set({ rowsVersion: get().rowsVersion + 1 });
      return before;
    },
  };
};
