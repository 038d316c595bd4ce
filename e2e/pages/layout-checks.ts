/**
 * Layout checks run in the page for the window-size spec: controls cut off
 * by their pane or by the window, words broken in the middle, and axe's
 * serious and critical findings. Each returns readable lines (empty = fine),
 * so a failure says what and where.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** The controls a user has to reach: none may stick out of its pane or of the window. */
const CONTROLS = 'button, input, select, textarea, [role="button"], [role="separator"]';

/** A word longer than this may break anywhere (a pasted token, a long URL): no line is that wide to spare. */
export const LONGEST_UNBREAKABLE_WORD = 30;

/**
 * Every visible control whose box extends beyond its nearest scroll container
 * (sideways always; up and down only where that container cannot scroll) or
 * beyond the window. Elements of 1 px or less (visually hidden labels' inputs)
 * are left out.
 */
export function clippedControls(page: Page): Promise<string[]> {
  return page.evaluate<string[], string>((selector) => {
    // The e2e tsconfig has no DOM types: the few shapes used here, spelled out.
    interface Box {
      left: number;
      right: number;
      top: number;
      bottom: number;
      width: number;
      height: number;
    }
    interface El {
      parentElement: El | null;
      tagName: string;
      id: string;
      className: unknown;
      textContent: string | null;
      getAttribute(name: string): string | null;
      getBoundingClientRect(): Box;
      checkVisibility(opts: object): boolean;
    }
    interface Win {
      innerWidth: number;
      innerHeight: number;
      document: { querySelectorAll(s: string): Iterable<El> };
      getComputedStyle(e: El): { overflowX: string; overflowY: string };
    }
    const w = globalThis as unknown as Win;
    const SLACK = 1; // sub-pixel rounding
    const name = (e: El): string => {
      const id = e.getAttribute('data-testid') ?? e.id;
      const text = (e.textContent ?? '').trim().slice(0, 30);
      return `${e.tagName.toLowerCase()}${id ? `[${id}]` : ''}${text ? ` "${text}"` : ''}`;
    };
    const scroller = (e: El): El | null => {
      for (let p = e.parentElement; p !== null; p = p.parentElement) {
        const s = w.getComputedStyle(p);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') return p;
      }
      return null;
    };
    const found: string[] = [];
    for (const e of w.document.querySelectorAll(selector)) {
      const r = e.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      if (!e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      if (r.left < -SLACK || r.right > w.innerWidth + SLACK) {
        found.push(`${name(e)} sticks out of the window sideways (${Math.round(r.left)}–${Math.round(r.right)} px)`);
        continue;
      }
      const box = scroller(e);
      if (box === null) {
        if (r.bottom > w.innerHeight + SLACK) found.push(`${name(e)} is below the window`);
        continue;
      }
      const b = box.getBoundingClientRect();
      const where = name(box);
      if (r.left < b.left - SLACK || r.right > b.right + SLACK)
        found.push(
          `${name(e)} is cut sideways by ${where} (control ${Math.round(r.left)}–${Math.round(r.right)}, pane ${Math.round(b.left)}–${Math.round(b.right)})`,
        );
      const scrollsDown = ['auto', 'scroll'].includes(w.getComputedStyle(box).overflowY);
      if (!scrollsDown && (r.top < b.top - SLACK || r.bottom > b.bottom + SLACK))
        found.push(`${name(e)} is cut off at the top or bottom by ${where}, which does not scroll`);
      if (b.bottom > w.innerHeight + SLACK) found.push(`${where} (holding ${name(e)}) goes below the window`);
    }
    return found;
  }, CONTROLS);
}

/**
 * Words of at most LONGEST_UNBREAKABLE_WORD characters that the browser split
 * over two lines inside the given element. A word may end a line after a
 * hyphen, and an e-mail address after its @ and dots: those are where the
 * text is cut into pieces, and each piece must sit on one line.
 */
export function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate<string[], { selector: string; longest: number }>(
    ({ selector: root, longest }) => {
      interface Rect {
        top: number;
        height: number;
      }
      interface TextNode {
        data: string;
      }
      interface Range {
        setStart(n: TextNode, o: number): void;
        setEnd(n: TextNode, o: number): void;
        getClientRects(): Iterable<Rect>;
      }
      interface Doc {
        querySelectorAll(s: string): Iterable<unknown>;
        createTreeWalker(root: unknown, what: number): { nextNode(): TextNode | null };
        createRange(): Range;
      }
      const doc = (globalThis as unknown as { document: Doc }).document;
      const SHOW_TEXT = 4;
      const found: string[] = [];
      for (const el of doc.querySelectorAll(root)) {
        const walker = doc.createTreeWalker(el, SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          const text = node.data;
          for (const word of text.matchAll(/\S+/gu)) {
            if (word[0].length > longest) continue;
            // Pieces end after a hyphen, an @ or a dot: the places a line may end inside a "word".
            for (const piece of word[0].matchAll(/[^-@.]+[-@.]*|[-@.]+/gu)) {
              const start = word.index + piece.index;
              const range = doc.createRange();
              range.setStart(node, start);
              range.setEnd(node, start + piece[0].length);
              // One rectangle per line box the piece touches; two on the same line (a font change) share a top.
              const rects = [...range.getClientRects()].filter((r) => r.height > 0).sort((a, b) => a.top - b.top);
              const lines = rects.filter((r, i) => i === 0 || r.top - (rects[i - 1]?.top ?? 0) > r.height / 2);
              if (lines.length > 1) found.push(`"${word[0]}" is broken over ${String(lines.length)} lines in ${root}`);
            }
          }
        }
      }
      return [...new Set(found)];
    },
    { selector, longest: LONGEST_UNBREAKABLE_WORD },
  );
}

/** Serious and critical axe violations (WCAG 2.1 A/AA and best practices), each as "rule: selectors". */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  if (results.passes.length === 0) throw new Error('axe found nothing to check: the scan did not run on the console');
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
