/**
 * Startup and live updates: the session (language), reference lists, sync
 * status, counts, and the change events main pushes. Change events come in
 * bursts during a sync, so refreshes are coalesced.
 */
import { useEffect } from 'react';
import { call, subscribe } from '../lib/api.js';
import { useStore } from '../store/index.js';

const ROWS_DEBOUNCE_MS = 150;
/** Counts scan the cache: at most once a second even while a bootstrap streams in. */
const COUNTS_THROTTLE_MS = 1000;

export function useBootstrap(): void {
  useEffect(() => {
    const s = useStore.getState();
    let rowsTimer: ReturnType<typeof setTimeout> | undefined;
    let countsTimer: ReturnType<typeof setTimeout> | undefined;
    let lastCounts = 0;

    const scheduleCounts = () => {
      if (countsTimer !== undefined) return;
      const wait = Math.max(0, lastCounts + COUNTS_THROTTLE_MS - Date.now());
      countsTimer = setTimeout(() => {
        countsTimer = undefined;
        lastCounts = Date.now();
        void useStore.getState().refreshCounts();
      }, wait);
    };

    // Subscribe before the first loads: a change pushed while they are in flight must not be lost.
    const offStatus = subscribe('sync:status', (status) => {
      const before = useStore.getState().sync;
      useStore.getState().setSync(status);
      // A finished bootstrap brings categories and agents that were not there at startup.
      if (before?.phase !== 'live' && status.phase === 'live') void useStore.getState().loadReference();
      // A search made while the index was being built got what the index held then (and says it may be
      // incomplete): once the index is whole, the rows are read again, so the search completes by itself.
      if (before?.searchReady === false && status.searchReady) useStore.getState().refreshRows();
      scheduleCounts();
    });
    const offChanged = subscribe('tickets:changed', (change) => {
      const state = useStore.getState();
      if (state.openId !== null && (change.all || change.ids.includes(state.openId))) void state.reloadTicket();
      clearTimeout(rowsTimer);
      rowsTimer = setTimeout(() => {
        useStore.getState().refreshRows();
      }, ROWS_DEBOUNCE_MS);
      scheduleCounts();
    });

    call('session:get').then(s.setSession, (e: unknown) => {
      s.notify({ kind: 'error', key: 'notice.loadFailed', text: e instanceof Error ? e.message : '' });
    });
    call('sync:status').then(
      (status) => {
        // A status pushed meanwhile is at least as fresh as this answer: keep it.
        if (useStore.getState().sync === null) s.setSync(status);
      },
      () => undefined,
    );
    s.loadReference().catch((e: unknown) => {
      s.notify({ kind: 'error', key: 'notice.loadFailed', text: e instanceof Error ? e.message : '' });
    });
    scheduleCounts();
    s.loadRange(0, s.cache.pageSize - 1);

    return () => {
      offStatus();
      offChanged();
      clearTimeout(rowsTimer);
      clearTimeout(countsTimer);
    };
  }, []);
}
