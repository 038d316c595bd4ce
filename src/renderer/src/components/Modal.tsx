/**
 * A modal dialog without portals or injected <style> (the CSP allows only
 * 'self' stylesheets): focus goes to the first field, Esc closes, Tab stays
 * inside, and focus returns where it was on close.
 */
import { useLayoutEffect, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { QUEUE_LIST_ID } from '../lib/focus.js';

interface Props {
  label: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  wide?: boolean;
  /** An extra class for a dialog with its own layout (the settings screen). */
  className?: string;
}

const FOCUSABLE = 'input, textarea, select, button, [href], [tabindex]:not([tabindex="-1"])';

export function Modal({ label, onClose, children, testId, wide, className }: Props) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    const entry: OpenDialog = { previous };
    openDialogs.push(entry);
    // A layout effect: its cleanup runs before React removes the dialog's nodes. Removing a focused element
    // instead makes the browser blur it during removeChild (focusout handlers, a style pass).
    return () => {
      openDialogs.splice(openDialogs.indexOf(entry), 1);
      const active = document.activeElement;
      if (active === null || active === document.body || ref.current?.contains(active) === true) returnFocus(previous);
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        className={['modal', wide === true ? 'modal-wide' : '', className ?? ''].filter((c) => c !== '').join(' ')}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}

interface OpenDialog {
  previous: HTMLElement | null;
}

/** Dialogs on screen, innermost last. */
const openDialogs: OpenDialog[] = [];

function returnFocus(previous: HTMLElement | null): void {
  // The element that opened the dialog may have been replaced meanwhile; fall back to the list.
  // preventScroll: the opener is on screen (a dialog covers, it does not scroll), and focus() would otherwise
  // compute a scroll-into-view of the list.
  if (previous?.isConnected === true) previous.focus({ preventScroll: true });
  else document.getElementById(QUEUE_LIST_ID)?.focus({ preventScroll: true });
}

/**
 * Gives focus back to where the innermost dialog was opened from, before the
 * state change that closes it. Called by a picker as it picks: moving focus
 * while the page is unchanged costs a fraction of a millisecond, whereas
 * moving it while React commits the pick forces a style and layout pass on
 * the half-updated page (~2 ms measured, in the frame that shows the pick).
 */
export function returnFocusFromDialog(): void {
  const top = openDialogs.at(-1);
  if (top !== undefined) returnFocus(top.previous);
}
