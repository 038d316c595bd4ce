import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, realTop, scrollScale } from './scroll-scale.js';

const ROW = 52;

describe('scrollScale', () => {
  it('leaves a list that fits alone', () => {
    expect(scrollScale(50_000 * ROW, 700)).toEqual({ realHeight: 50_000 * ROW, factor: 1 });
    expect(realTop(5200, 1000, 1)).toBe(5200);
  });

  it('lets a 1M-row queue be scrolled to its last row', () => {
    const virtualHeight = 1_000_000 * ROW;
    const viewport = 700;
    const { realHeight, factor } = scrollScale(virtualHeight, viewport);
    expect(realHeight).toBe(MAX_SCROLL_PX);
    const maxRealScroll = realHeight - viewport;
    const virtualOffsetAtEnd = maxRealScroll * factor;
    // The viewport's bottom edge at the end of the real scroll is the bottom of the last row.
    expect(virtualOffsetAtEnd + viewport).toBeCloseTo(virtualHeight, 3);
    // The last row is placed inside the real scroll area, at the bottom of the viewport.
    const lastRowTop = realTop(virtualHeight - ROW, virtualOffsetAtEnd, factor);
    expect(lastRowTop + ROW).toBeCloseTo(maxRealScroll + viewport, 3);
  });

  it('keeps rows near the viewport one row apart, wherever the scroll is', () => {
    const { factor } = scrollScale(1_000_000 * ROW, 700);
    const offset = 123_456 * ROW;
    expect(realTop(offset + ROW, offset, factor) - realTop(offset, offset, factor)).toBe(ROW);
    // The row at the virtual offset is at the top of the viewport (real scrollTop = offset / factor).
    expect(realTop(offset, offset, factor)).toBeCloseTo(offset / factor, 6);
  });
});
