/**
 * Browsers cap an element's height (Chromium near 33.5M px, Firefox near
 * 17.9M px), and 1M rows of 52 px need 52M px. Past MAX_SCROLL_PX the list
 * keeps a scroll area of that height and pages through the full ("virtual")
 * height, as SlickGrid does:
 *
 * - the virtual height is cut into pages; on page p a row at virtual y sits
 *   at y − p × shift in the scroll area, so wheel, trackpad and keyboard
 *   scrolling move rows at their natural speed;
 * - scrolling naturally out of a page's range switches page and moves the
 *   scroll position back by the page shift, in the same frame as the rows
 *   (what is on screen stays put; the thumb moves by ~1% of the track);
 * - a jump (the thumb dragged, End) maps the thumb's position onto the whole
 *   queue, so the thumb still covers all of it.
 *
 * A plain proportional scale would move rows 6.5× too fast at 1M (one wheel
 * notch, 12 rows) and re-position every row on every frame.
 */
export const MAX_SCROLL_PX = 8_000_000;

/** A page switch every ~1/100 of the scroll area: ~1,500 rows of 52 px apart at 1M. */
const PAGES_PER_SCROLL_AREA = 100;

/**
 * Wheel distance not yet scrolled is capped: wheeling against an end of the
 * list scrolls nothing, and must not make a later thumb drag (~12,000 px of
 * scroll per pixel of thumb at 1M) pass for wheel scrolling.
 */
const MAX_WHEEL_BUDGET_PX = 3000;
const LINE_PX = 40;

export interface PagingLayout {
  /** Height of the element that scrolls. */
  realHeight: number;
  pages: number;
  /** Virtual pixels each page covers (its range of scroll positions). */
  pageHeight: number;
  /** virtual − real position grows by this from one page to the next. */
  pageShift: number;
  /** Largest scroll positions: the last row's bottom at the viewport's bottom. */
  maxVirtual: number;
  maxReal: number;
}

export function pagingLayout(virtualHeight: number, viewportHeight: number): PagingLayout {
  const viewport = Math.max(0, Math.min(viewportHeight, MAX_SCROLL_PX / 2));
  const maxVirtual = Math.max(0, virtualHeight - viewport);
  if (virtualHeight <= MAX_SCROLL_PX) {
    return { realHeight: virtualHeight, pages: 1, pageHeight: Infinity, pageShift: 0, maxVirtual, maxReal: maxVirtual };
  }
  const maxReal = MAX_SCROLL_PX - viewport;
  // At least maxVirtual / maxReal pages, so a page's shift never exceeds its height: then every scroll position
  // inside a page's range maps into the real scroll area, and the last page ends exactly at its end.
  const pages = Math.max(2, Math.ceil((PAGES_PER_SCROLL_AREA * maxVirtual) / maxReal));
  return {
    realHeight: MAX_SCROLL_PX,
    pages,
    pageHeight: maxVirtual / pages,
    pageShift: (virtualHeight - MAX_SCROLL_PX) / (pages - 1),
    maxVirtual,
    maxReal,
  };
}

export interface ScrollStep {
  /** The list's virtual scroll offset. */
  virtual: number;
  /** Set when the page switched: the scroll position to move the element to (with the rows, in one frame). */
  scrollTop?: number;
}

/** The page state of one list; `resize` on every render, `onScroll` on every scroll event. */
export class ScrollPager {
  private layout = pagingLayout(0, 0);
  private viewport = 0;
  private page = 0;
  private lastScrollTop = 0;
  /** Wheel distance asked for and not yet seen as scrolling. */
  private wheelBudget = 0;

  get realHeight(): number {
    return this.layout.realHeight;
  }

  /** virtual − real position on the current page: a row at virtual y is placed at y − shift. */
  get shift(): number {
    return this.shiftOf(this.page);
  }

  resize(virtualHeight: number, viewportHeight: number): void {
    this.layout = pagingLayout(virtualHeight, viewportHeight);
    this.viewport = viewportHeight;
    this.page = Math.min(this.page, this.layout.pages - 1);
  }

  /** A wheel or trackpad event (deltaMode as in WheelEvent: pixels, lines or pages). */
  onWheel(deltaY: number, deltaMode = 0): void {
    const unit = deltaMode === 1 ? LINE_PX : deltaMode === 2 ? this.viewport : 1;
    this.wheelBudget = Math.min(MAX_WHEEL_BUDGET_PX, this.wheelBudget + Math.abs(deltaY * unit));
  }

  /**
   * The element scrolled to `scrollTop`. A move longer than a viewport plus
   * the pending wheel distance is a jump (thumb, End, a scroll set by code):
   * it lands proportionally. Anything else moves the rows by the same
   * distance.
   */
  onScroll(scrollTop: number): ScrollStep {
    const moved = Math.abs(scrollTop - this.lastScrollTop);
    const jumped = moved > this.viewport + this.wheelBudget;
    this.wheelBudget = jumped ? 0 : Math.max(0, this.wheelBudget - moved);
    this.lastScrollTop = scrollTop;
    const { maxReal, maxVirtual } = this.layout;
    if (jumped) {
      const proportional = maxReal > 0 ? (scrollTop * maxVirtual) / maxReal : 0;
      this.page = this.pageOf(proportional);
      return { virtual: scrollTop + this.shift };
    }
    const virtual = scrollTop + this.shift;
    const page = this.pageOf(virtual);
    if (page === this.page) return { virtual };
    this.page = page;
    this.lastScrollTop = virtual - this.shift;
    return { virtual, scrollTop: this.lastScrollTop };
  }

  /** The scroll position that shows virtual `offset` at the top (scrollToIndex: j/k, a new query). */
  scrollTopFor(offset: number): number {
    const virtual = Math.max(0, Math.min(offset, this.layout.maxVirtual));
    this.page = this.pageOf(virtual);
    this.lastScrollTop = virtual - this.shift;
    return this.lastScrollTop;
  }

  private pageOf(virtual: number): number {
    const { pages, pageHeight } = this.layout;
    return Math.max(0, Math.min(pages - 1, Math.floor(virtual / pageHeight)));
  }

  /** Whole pixels, so rows (and their text) sit on the pixel grid. */
  private shiftOf(page: number): number {
    return Math.round(page * this.layout.pageShift);
  }
}
