/** The status bar: connection, last sync, outbox counts, first-sync progress. */
import type { Locator, Page } from '@playwright/test';

export class StatusBar {
  readonly root: Locator;
  readonly connection: Locator;
  readonly offlineNote: Locator;
  readonly lastSync: Locator;
  readonly pending: Locator;
  readonly needsAttention: Locator;
  readonly progress: Locator;
  /** "Search index being built", there until the cache's search index is whole. */
  readonly indexing: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('status-bar');
    this.connection = page.getByTestId('status-connection');
    this.offlineNote = page.getByTestId('status-offline-note');
    this.lastSync = page.getByTestId('status-last-sync');
    this.pending = page.getByTestId('status-pending');
    this.needsAttention = page.getByTestId('status-needs-attention');
    this.progress = page.getByTestId('status-progress');
    this.indexing = page.getByTestId('status-indexing');
  }

  async online(): Promise<boolean> {
    return (await this.connection.getAttribute('data-online')) === 'true';
  }

  /** Outbox actions waiting for the backend (data-count attribute, language-independent). */
  async pendingCount(): Promise<number> {
    return Number(await this.pending.getAttribute('data-count'));
  }
}
