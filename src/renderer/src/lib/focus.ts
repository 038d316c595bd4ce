/** Where keyboard focus goes after a command: one place, so every path agrees. */
export const QUEUE_LIST_ID = 'queue-list';
export const SEARCH_ID = 'queue-search';
export const TICKET_HEADING_ID = 'ticket-heading';
export const COMPOSER_ID = 'composer-canned-filter';

/**
 * By id, or by `data-focus-id` for elements whose id a library owns (cmdk
 * gives its input a generated id and ignores ours).
 */
function find(id: string): HTMLElement | null {
  return document.getElementById(id) ?? document.querySelector<HTMLElement>(`[data-focus-id="${id}"]`);
}

export function focusById(id: string): void {
  // At once when the element is there: keys typed right after `/` must land in the field, not fire shortcuts.
  const now = find(id);
  if (now) {
    now.focus();
    return;
  }
  // Otherwise after React commits: the element appears in this very update.
  requestAnimationFrame(() => {
    find(id)?.focus();
  });
}
