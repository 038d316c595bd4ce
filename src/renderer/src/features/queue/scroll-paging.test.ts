import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, ScrollPager, pagingLayout } from './scroll-paging.js';

const ROW = 52;
const VIEWPORT = 700;

/** A scroll element as the browser keeps it: scrollTop clamped to its range and rounded to whole pixels. */
function scroller(rows: number) {
  const pager = new ScrollPager();
  pager.resize(rows * ROW, VIEWPORT);
  const maxReal = pager.realHeight - VIEWPORT;
  let scrollTop = 0;
  let switches = 0;
  const settle = (): number => {
    const step = pager.onScroll(scrollTop);
    if (step.scrollTop !== undefined) {
      switches += 1;
      scrollTop = Math.round(step.scrollTop);
      expect(pager.onScroll(scrollTop).virtual).toBeCloseTo(step.virtual, 6);
    }
    expect(scrollTop).toBeGreaterThanOrEqual(0);
    expect(scrollTop).toBeLessThanOrEqual(maxReal);
    return step.virtual;
  };
  return {
    pager,
    maxReal,
    get scrollTop() {
      return scrollTop;
    },
    get switches() {
      return switches;
    },
    wheel(dy: number): number {
      pager.onWheel(dy);
      scrollTop = Math.max(0, Math.min(maxReal, scrollTop + dy));
      return settle();
    },
    /** The thumb dragged (or scrollTop set by code) to a fraction of the track. */
    drag(fraction: number): number {
      scrollTop = Math.round(maxReal * fraction);
      return settle();
    },
  };
}

describe('ScrollPager', () => {
  it('leaves a list that fits alone', () => {
    const list = scroller(50_000);
    expect(list.pager.realHeight).toBe(50_000 * ROW);
    expect(list.wheel(120)).toBe(120);
    expect(list.drag(0.5)).toBe(list.scrollTop);
    expect(list.pager.shift).toBe(0);
    expect(list.switches).toBe(0);
  });

  it('keeps the scroll area under the browser limit for 1M rows', () => {
    const layout = pagingLayout(1_000_000 * ROW, VIEWPORT);
    expect(layout.realHeight).toBe(MAX_SCROLL_PX);
    expect(layout.pageShift).toBeLessThan(layout.pageHeight);
  });

  it('wheels through 1M rows at their natural speed, to the last row and back to the first', () => {
    const list = scroller(1_000_000);
    const maxVirtual = 1_000_000 * ROW - VIEWPORT;
    let virtual = 0;
    while (virtual < maxVirtual) {
      const next = list.wheel(2000);
      // Every step moves the rows by the wheel's distance, page switches included (the last one stops at the end).
      expect(next - virtual).toBe(Math.min(2000, maxVirtual - virtual));
      virtual = next;
    }
    expect(virtual).toBe(maxVirtual);
    expect(list.scrollTop).toBe(list.maxReal);
    // About a hundred page switches per scroll area (each one moves the thumb back by ~1% of the track).
    expect(list.switches).toBeGreaterThan(500);
    expect(list.switches).toBeLessThan(700);
    while (virtual > 0) {
      const next = list.wheel(-2000);
      expect(virtual - next).toBe(Math.min(2000, virtual));
      virtual = next;
    }
    expect(list.scrollTop).toBe(0);
  });

  it('maps a dragged thumb onto the whole queue, then scrolls naturally from there', () => {
    const list = scroller(1_000_000);
    const maxVirtual = 1_000_000 * ROW - VIEWPORT;
    for (const fraction of [0.25, 0.5, 0.9]) {
      // Within 0.3% of the queue (two page shifts) of the thumb's place.
      expect(Math.abs(list.drag(fraction) / maxVirtual - fraction)).toBeLessThan(0.003);
    }
    expect(list.drag(1)).toBe(maxVirtual);
    expect(list.drag(0)).toBe(0);
    const middle = list.drag(0.5);
    expect(list.wheel(120)).toBe(middle + 120);
    expect(list.wheel(-240)).toBe(middle - 120);
  });

  it('treats a wheel step longer than the viewport as scrolling, not as a jump', () => {
    const list = scroller(1_000_000);
    const start = list.drag(0.3);
    expect(list.wheel(VIEWPORT * 3)).toBe(start + VIEWPORT * 3);
  });

  it('still jumps when the thumb is dragged right after the wheel, or after wheeling against the top', () => {
    const list = scroller(1_000_000);
    const maxVirtual = 1_000_000 * ROW - VIEWPORT;
    list.wheel(2000);
    expect(list.drag(1)).toBe(maxVirtual);
    list.drag(0);
    for (let i = 0; i < 50; i++) list.wheel(-2000);
    expect(list.scrollTop).toBe(0);
    // A drag of 50,000 px of scroll (a few pixels of thumb) maps onto ~6.5 times that much of the queue.
    expect(list.drag(50_000 / list.maxReal)).toBeGreaterThan(50_000 * 6);
  });

  it('places a row asked for by code at the top (j/k, a new query)', () => {
    const list = scroller(1_000_000);
    const offset = 777_777 * ROW;
    const scrollTop = list.pager.scrollTopFor(offset);
    expect(scrollTop).toBeGreaterThanOrEqual(0);
    expect(scrollTop).toBeLessThanOrEqual(list.maxReal);
    // The scroll event that follows is the position just set, not a jump to re-map.
    expect(list.pager.onScroll(scrollTop).virtual).toBe(offset);
    expect(offset - list.pager.shift).toBe(scrollTop);
  });

  it('goes back to one page when the queue shrinks', () => {
    const list = scroller(1_000_000);
    list.drag(0.8);
    list.pager.resize(1_000 * ROW, VIEWPORT);
    expect(list.pager.shift).toBe(0);
    expect(list.pager.onScroll(300).virtual).toBe(300);
  });
});
