/** The desk tabs in the header: one per desk the person's roles open, each with its live count. */
import type { Locator, Page } from '@playwright/test';

export type DeskId = 'triage' | 'recovery' | 'callbacks';

export class DeskTabs {
  readonly root: Locator;
  /** Every tab shown, in order. */
  readonly tabs: Locator;
  /** What the person sees when their roles open no desk. */
  readonly noDesk: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('desk-tabs');
    this.tabs = this.root.getByRole('button');
    this.noDesk = page.getByTestId('no-desk');
  }

  tab(desk: DeskId): Locator {
    return this.page.getByTestId(`desk-${desk}`);
  }

  /** The tab's figure as a number (`data-count`), once loaded. */
  async count(desk: DeskId): Promise<number> {
    const raw = (await this.tab(desk).getAttribute('data-count')) ?? '';
    if (!/^\d+$/.test(raw)) throw new Error(`desk-${desk} has no count yet (${raw})`);
    return Number(raw);
  }

  /** The desk on screen: the tab with aria-current="page". */
  current(): Locator {
    return this.root.locator('[aria-current="page"]');
  }
}
