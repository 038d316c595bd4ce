/** Where keyboard focus goes after a command: one place, so every path agrees. */
export const QUEUE_LIST_ID = 'queue-list';
export const SEARCH_ID = 'queue-search';
export const TICKET_HEADING_ID = 'ticket-heading';
export const COMPOSER_ID = 'composer-canned-filter';

export function focusById(id: string): void {
  // At once when the element is there: keys typed right after `/` must land in the field, not fire shortcuts.
  const now = document.getElementById(id);
  if (now) {
    now.focus();
    return;
  }
  // Otherwise after React commits: the element appears in this very update.
  requestAnimationFrame(() => {
    document.getElementById(id)?.focus();
  });
}
