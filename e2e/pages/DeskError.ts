/** The message a desk shows in its place when it failed to render (the desk's error boundary). */
import type { Locator, Page } from '@playwright/test';

export class DeskError {
  readonly root: Locator;
  readonly reload: Locator;
  readonly copy: Locator;
  readonly copyResult: Locator;
  readonly details: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('desk-error');
    this.reload = page.getByTestId('desk-error-reload');
    this.copy = page.getByTestId('desk-error-copy');
    this.copyResult = page.getByTestId('desk-error-copy-result');
    this.details = page.getByTestId('desk-error-details');
  }

  /** The desk tabs in the header (desk-triage, desk-recovery, desk-callbacks). */
  tab(desk: 'triage' | 'recovery' | 'callbacks'): Locator {
    return this.page.getByTestId(`desk-${desk}`);
  }
}
