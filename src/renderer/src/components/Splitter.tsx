/**
 * A vertical splitter between two panes (the WAI-ARIA "window splitter"
 * pattern): a focusable separator whose value is the width of the pane it
 * sizes. Drag it, or use ←/→ (16 px, 64 px with Shift), Home and End.
 * `usePaneWidth` keeps each width in localStorage (one per window profile)
 * and fits it to the room there is, without forgetting the width asked for:
 * a window made small then large again gets its panes back.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent, RefObject } from 'react';

const STEP = 16;
const BIG_STEP = 64;
const STORAGE_PREFIX = 'sc.pane.';

export interface PaneLimits {
  /** The width under which the pane's own controls would be cut off. */
  min: number;
  /** What the other panes of the row need at least (their minimums, splitters and borders). */
  reserve: number;
  /** The pane's width before anyone moves the splitter. */
  initial: number;
}

export interface PaneWidth {
  /** The width shown: the one asked for, within [min, max]. */
  width: number;
  min: number;
  max: number;
  setWidth(width: number): void;
}

function readStored(key: string): number | null {
  try {
    const value = Number(localStorage.getItem(STORAGE_PREFIX + key));
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null; // storage refused (a locked-down profile): the default width serves
  }
}

function store(key: string, width: number): void {
  try {
    localStorage.setItem(STORAGE_PREFIX + key, String(Math.round(width)));
  } catch {
    // Not remembered this time; the pane keeps its width for now.
  }
}

/** The inner width of an element, followed as it changes (window resize, another splitter, the sidebar). */
function useInnerWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => {
      setWidth(el.clientWidth);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
    };
  }, [ref]);
  return width;
}

/** The width of one resizable pane of `container`, remembered under `key`. */
export function usePaneWidth(key: string, container: RefObject<HTMLElement | null>, limits: PaneLimits): PaneWidth {
  const [asked, setAsked] = useState(() => readStored(key) ?? limits.initial);
  const room = useInnerWidth(container);
  // Before the first measure the room is unknown: the pane takes what it asked for, and CSS keeps it in.
  const max = room === 0 ? Math.max(asked, limits.min) : Math.max(limits.min, room - limits.reserve);
  const width = Math.round(Math.min(max, Math.max(limits.min, asked)));
  const setWidth = useCallback(
    (next: number) => {
      const kept = Math.round(Math.min(max, Math.max(limits.min, next)));
      setAsked(kept);
      store(key, kept);
    },
    [key, max, limits.min],
  );
  return { width, min: limits.min, max: Math.round(max), setWidth };
}

export interface SplitterProps {
  /** What the splitter resizes, for screen readers (e.g. "Resize the ticket list"). */
  label: string;
  /** The id of the pane it sizes. */
  controls: string;
  pane: PaneWidth;
  /** Where the sized pane is: before the splitter (grows when it moves right) or after it. */
  side: 'before' | 'after';
}

export function Splitter({ label, controls, pane, side }: SplitterProps) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  const sign = side === 'before' ? 1 : -1;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? BIG_STEP : STEP;
    const next =
      e.key === 'ArrowRight'
        ? pane.width + sign * step
        : e.key === 'ArrowLeft'
          ? pane.width - sign * step
          : e.key === 'Home'
            ? pane.min
            : e.key === 'End'
              ? pane.max
              : null;
    if (next === null) return;
    // The desk's own keys (lists, viewer) must not also act on this key.
    e.preventDefault();
    e.stopPropagation();
    pane.setWidth(next);
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width: pane.width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current === null) return;
    pane.setWidth(drag.current.width + sign * (e.clientX - drag.current.x));
  };
  const onPointerEnd = () => {
    drag.current = null;
  };

  return (
    <div
      role="separator"
      tabIndex={0}
      className="splitter"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={pane.width}
      aria-valuemin={pane.min}
      aria-valuemax={pane.max}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
    />
  );
}
