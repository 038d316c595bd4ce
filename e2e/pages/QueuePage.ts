/** The sidebar, the queue toolbar and the virtualized list (listbox of rows). */
import type { Locator, Page } from '@playwright/test';

export type ViewId = 'all' | 'unassigned' | 'mine' | 'escalated' | 'callback' | 'chat-termination';
export type QueueSort = 'updated' | 'age' | 'priority';

export class QueuePage {
  readonly list: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly sort: Locator;
  readonly total: Locator;
  readonly empty: Locator;
  /** "Search index being built: results may be incomplete", beside a search's count. */
  readonly searchIncomplete: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('queue-list');
    this.rows = page.getByTestId('queue-row');
    this.search = page.getByTestId('queue-search');
    this.sort = page.getByTestId('queue-sort');
    this.total = page.getByTestId('queue-total');
    this.empty = page.getByTestId('queue-empty');
    this.searchIncomplete = page.getByTestId('search-incomplete');
  }

  view(id: ViewId): Locator {
    return this.page.getByTestId(`view-${id}`);
  }

  category(categoryId: string): Locator {
    return this.page.getByTestId(`category-${categoryId}`);
  }

  row(ticketId: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-ticket-id="${ticketId}"]`);
  }

  /** The row the keyboard is on (aria-selected). */
  selectedRow(): Locator {
    return this.list.locator('[role="option"][aria-selected="true"]');
  }

  pendingMark(ticketId: string): Locator {
    return this.row(ticketId).getByTestId('row-pending');
  }

  needsAttentionMark(ticketId: string): Locator {
    return this.row(ticketId).getByTestId('row-needs-attention');
  }

  /** Waits until the list shows loaded rows (the first sync has reached the queue). */
  async waitForRows(): Promise<void> {
    await this.rows.first().waitFor();
  }

  /** Ticket ids of the loaded rows on screen, top to bottom. */
  async visibleTicketIds(): Promise<string[]> {
    // Attribute by attribute: e2e code is typed for Node (no DOM types for an in-page function).
    const ids = await Promise.all((await this.rows.all()).map((r) => r.getAttribute('data-ticket-id')));
    return ids.filter((id): id is string => id !== null && id !== '');
  }

  async openView(id: ViewId): Promise<void> {
    await this.view(id).click();
  }

  async openCategory(categoryId: string): Promise<void> {
    await this.category(categoryId).click();
  }

  /** Focuses the list (where j/k/Enter act) without clicking a row. */
  async focus(): Promise<void> {
    await this.list.focus();
  }

  /** `/` then the words; the search waits for a pause in typing, so wait for the rows afterwards. */
  async searchFor(text: string): Promise<void> {
    await this.page.keyboard.press('/');
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  async clearSearch(): Promise<void> {
    await this.search.fill('');
    await this.search.press('Enter');
  }

  async sortBy(sort: QueueSort): Promise<void> {
    await this.sort.selectOption(sort);
  }

  async setStatusFilter(status: string, on: boolean): Promise<void> {
    await this.page.getByTestId(`status-filter-${status}`).setChecked(on);
  }

  /** Ticket id of the keyboard-selected row. */
  async selectedTicketId(): Promise<string | null> {
    return this.selectedRow().getAttribute('data-ticket-id');
  }

  /** `<mark>` texts in the search snippets on screen. */
  async highlightedTerms(): Promise<string[]> {
    return this.page.getByTestId('row-snippet').locator('mark').allTextContents();
  }
}
