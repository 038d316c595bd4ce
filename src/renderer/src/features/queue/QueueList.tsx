/**
 * The virtualized queue: a listbox whose options are only the rows on screen
 * (plus overscan). The visible range drives `loadRange`, which fetches the
 * missing windows from main; j/k and the arrow keys move the active option.
 * A queue taller than the browser can draw pages through its rows
 * (scroll-paging.ts), at the wheel's natural speed.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CSSProperties, RefObject } from 'react';
import { flushSync } from 'react-dom';
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { searchWords } from '../../../../shared/search-words.js';
import { QUEUE_LIST_ID } from '../../lib/focus.js';
import { categoryName } from '../../lib/names.js';
import { useFirstRowsMark } from '../../lib/perf.js';
import { useStore } from '../../store/index.js';
import { EmptyQueue } from './EmptyQueue.js';
import { QueueRow, rowDomId } from './QueueRow.js';
import { useRowLabels } from './row-labels.js';
import { usePresenceByTicket } from '../presence/row-presence.js';
import { ScrollPager } from './scroll-paging.js';
import { useSettings } from '../settings/settings-store.js';
import type { Density } from '../../../../shared/settings.js';

/**
 * A row's height in each density, the one number the virtual list, the
 * scroll pager and the rows' CSS (`--row-h`, set below) all read.
 * Compact rows are one line.
 */
export const ROW_HEIGHTS = { comfortable: 52, compact: 30 } as const satisfies Record<Density, number>;

export function QueueList() {
  const { t } = useTranslation();
  const labels = useRowLabels();
  const presence = usePresenceByTicket();
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = useStore((s) => s.total);
  const loaded = useStore((s) => s.loaded);
  const cache = useStore((s) => s.cache);
  useStore((s) => s.rowsVersion); // re-render when windows arrive or a row is patched
  const generation = useStore((s) => s.generation);
  const selectedIndex = useStore((s) => s.selectedIndex);
  const openId = useStore((s) => s.openId);
  const categories = useStore((s) => s.categories);
  const language = useStore((s) => s.language);
  const searchComplete = useStore((s) => s.searchComplete);
  const exact = useStore((s) => s.exact);
  const search = useStore((s) => s.search);
  const searching = search.trim() !== '';
  const loadRange = useStore((s) => s.loadRange);
  const select = useStore((s) => s.select);
  const openTicket = useStore((s) => s.openTicket);
  const density = useSettings((s) => s.view?.density ?? 'comfortable');
  const rowHeight = ROW_HEIGHTS[density];

  // Past the browser's maximum element height the list pages through its rows (scroll-paging.ts); one pager
  // per list, read by the virtualizer's callbacks and by the rows' positions.
  const [pager] = useState(() => new ScrollPager());
  const viewHeight = useViewHeight(scrollRef);
  pager.resize(total * rowHeight, viewHeight);
  useWheelInto(scrollRef, pager);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Enough for a wheel notch (~2 rows); every extra row is work in each frame of a fast scroll.
    overscan: 4,
    // Render scroll updates with React's normal batching; only a page switch (below) renders at once.
    useFlushSync: false,
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (scrollTop, isScrolling) => {
        const step = pager.onScroll(scrollTop);
        const el = scrollRef.current;
        if (step.scrollTop === undefined || el === null) {
          cb(step.virtual, isScrolling);
          return;
        }
        // A page switch: the scroll position moves back and the rows with it, in the same frame (else one
        // frame would show the empty scroll area).
        el.scrollTop = step.scrollTop;
        flushSync(() => {
          cb(step.virtual, isScrolling);
        });
      }),
    scrollToFn: (offset, options, instance) => {
      elementScroll(pager.scrollTopFor(offset), options, instance);
    },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useFirstRowsMark(loaded && items.length > 0 && cache.rowAt(first) !== undefined);

  useEffect(() => {
    loadRange(first, last);
  }, [first, last, generation, loadRange]);

  useEffect(() => {
    if (total > 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, total, virtualizer]);

  // A density switch changes every row's height: the list measures again and keeps the selected row in view.
  const measuredHeight = useRef(rowHeight);
  useLayoutEffect(() => {
    if (measuredHeight.current === rowHeight) return;
    measuredHeight.current = rowHeight;
    virtualizer.measure();
    if (useStore.getState().total > 0)
      virtualizer.scrollToIndex(useStore.getState().selectedIndex, { align: 'center' });
  }, [rowHeight, virtualizer]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [generation, virtualizer]);

  const onPick = useCallback(
    (index: number) => {
      select(index);
      const id = useStore.getState().cache.rowAt(index)?.id;
      if (id !== undefined) void openTicket(id);
    },
    [select, openTicket],
  );

  const height = { '--list-height': `${pager.realHeight}px`, '--row-h': `${String(rowHeight)}px` } as CSSProperties;

  return (
    <section className="queue" aria-labelledby="queue-heading" data-testid="queue">
      <h2 id="queue-heading" className="visually-hidden">
        {t('queue.heading')}
      </h2>
      <div className="queue-meta" aria-live="polite" data-testid="queue-total">
        {loaded ? t('queue.total', { count: total }) : t('queue.loading')}
        {searching && searchWords(search).length === 0 && (
          <span className="queue-warning" data-testid="search-no-words">
            {' · '}
            {t('queue.searchNoWords')}
          </span>
        )}
        {exact > 0 && (
          <span data-testid="queue-exact">
            {' · '}
            {t('queue.exact', { count: exact })}
          </span>
        )}
        {searching && !searchComplete && (
          <span className="queue-warning" data-testid="search-incomplete">
            {' · '}
            {t('queue.searchIncomplete')}
          </span>
        )}
      </div>
      {loaded && total === 0 && <EmptyQueue />}
      <div
        ref={scrollRef}
        id={QUEUE_LIST_ID}
        className={`queue-scroll density-${density}${virtualizer.isScrolling ? ' is-scrolling' : ''}`}
        role="listbox"
        tabIndex={0}
        aria-label={t('queue.listLabel')}
        aria-activedescendant={total > 0 ? rowDomId(selectedIndex) : undefined}
        data-testid="queue-list"
      >
        <div className="queue-inner" style={height}>
          {items.map((item) => {
            const row = cache.rowAt(item.index);
            return (
              // Keyed by place in the window, not by row: a scroll step gives the same components and DOM nodes
              // new rows, instead of dropping and creating dozens of nodes per frame.
              <QueueRow
                key={item.index - first}
                row={row}
                index={item.index}
                total={total}
                top={item.start - pager.shift}
                selected={item.index === selectedIndex}
                open={row !== undefined && row.id === openId}
                exact={item.index < exact}
                categoryLabel={row ? categoryName(categories, row.categoryId, language) : ''}
                language={language}
                labels={labels}
                presenceLabel={row ? (presence.get(row.id)?.label ?? '') : ''}
                presenceReplying={row ? (presence.get(row.id)?.replying ?? false) : false}
                onPick={onPick}
              />
            );
          })}
        </div>
      </div>
    </section>
  );
}

/** Wheel distances reach the pager, so it tells wheel scrolling (natural speed) from thumb jumps. */
function useWheelInto(ref: RefObject<HTMLElement | null>, pager: ScrollPager): void {
  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const onWheel = (event: WheelEvent) => {
      pager.onWheel(event.deltaY, event.deltaMode);
    };
    el.addEventListener('wheel', onWheel, { passive: true });
    return () => {
      el.removeEventListener('wheel', onWheel);
    };
  }, [ref, pager]);
}

/**
 * The list's visible height, from a ResizeObserver. Reading `clientHeight`
 * while rendering forced a style and layout pass on every render, a row
 * patch included: in the keypress that recategorises, before its frame.
 */
function useViewHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => {
      setHeight(el.clientHeight);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, [ref]);
  return height;
}
