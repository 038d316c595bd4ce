/**
 * Browsers cap an element's height (Chromium near 33.5M px, Firefox near
 * 17.9M px), and 1M rows of 52 px need 52M px: without scaling, the last
 * third of a big queue cannot be scrolled to. Past MAX_SCROLL_PX the list
 * keeps a scroll area of that height and maps its scroll position onto the
 * full "virtual" height, so the thumb covers the whole queue and each wheel
 * step still moves rows at their natural speed near the viewport.
 */
export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollScale {
  /** Height of the element that scrolls. */
  realHeight: number;
  /** virtual offset = real scrollTop × factor (1 when the list fits). */
  factor: number;
}

export function scrollScale(virtualHeight: number, viewportHeight: number): ScrollScale {
  if (virtualHeight <= MAX_SCROLL_PX) return { realHeight: virtualHeight, factor: 1 };
  const viewport = Math.max(0, Math.min(viewportHeight, MAX_SCROLL_PX / 2));
  // Both ends line up: real scrollTop 0 shows row 0, the real maximum shows the last row.
  return { realHeight: MAX_SCROLL_PX, factor: (virtualHeight - viewport) / (MAX_SCROLL_PX - viewport) };
}

/** Where a row that starts at `virtualStart` sits inside the scaled scroll area, given the virtual scroll offset. */
export function realTop(virtualStart: number, virtualOffset: number, factor: number): number {
  return virtualStart - virtualOffset + virtualOffset / factor;
}
