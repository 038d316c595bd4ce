/**
 * Performance marks for the `ui.*` benchmarks (bench/ui.ts). They are plain
 * User Timing marks, so the same figures can be read in Electron's DevTools
 * (Performance panel) as in the benchmark's Chromium. The end marks are set
 * inside a requestAnimationFrame callback: that callback runs at the start
 * of the frame that paints the DOM just committed, so "mark − start" is the
 * wait the agent sees, frame alignment included.
 */
import { useLayoutEffect, useRef } from 'react';
import type { QueueRowView } from '../../../shared/ipc.js';

export const PERF_MARKS = {
  /** Top of main.tsx, after the bundle's modules evaluated. */
  rendererStart: 'sc:renderer-start',
  /** The frame that first paints loaded queue rows (once per page load). */
  firstQueueRows: 'sc:first-queue-rows',
  /** The frame that paints a changed row (optimistic action, refresh); detail = the row's state. */
  rowUpdated: 'sc:row-updated',
} as const;

/** What `sc:row-updated` carries, so a reader can tell which change it saw. */
export interface RowUpdatedDetail {
  id: string;
  categoryId: string;
  status: string;
  pending: boolean;
  /** performance.now() when React committed the row (before the frame): splits work from frame wait. */
  committedAt: number;
}

export function perfMark(name: string, detail?: unknown): void {
  performance.mark(name, { detail });
}

function markNextFrame(name: string, detail?: unknown): void {
  requestAnimationFrame(() => {
    perfMark(name, detail);
  });
}

let firstRowsMarked = false;

/** Marks the first frame with real rows; `ready` = rows of the first window are rendered. */
export function useFirstRowsMark(ready: boolean): void {
  useLayoutEffect(() => {
    if (!ready || firstRowsMarked) return;
    firstRowsMarked = true;
    markNextFrame(PERF_MARKS.firstQueueRows);
  }, [ready]);
}

/**
 * Marks the frame that paints a row whose data changed while it stayed on
 * screen (same ticket, new object: the window cache replaces a row on every
 * patch or refresh). Layout effect: it runs right after the DOM changed,
 * before the browser paints, so the rAF it requests is that paint's frame.
 * Marks are cleared as they go (a long session would otherwise pile them
 * up); readers use a PerformanceObserver, which still sees every entry.
 */
export function useRowUpdatedMark(row: QueueRowView | undefined): void {
  const previous = useRef(row);
  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = row;
    if (row === undefined || before === undefined || before === row || before.id !== row.id) return;
    const detail: RowUpdatedDetail = {
      id: row.id,
      categoryId: row.categoryId,
      status: row.status,
      pending: row.pending,
      committedAt: performance.now(),
    };
    requestAnimationFrame(() => {
      performance.clearMarks(PERF_MARKS.rowUpdated);
      perfMark(PERF_MARKS.rowUpdated, detail);
    });
  }, [row]);
}
