/** A ticket's attachments in the triage ticket pane, and the safe viewer they open in. */
import type { Locator, Page } from '@playwright/test';

export class AttachmentViewerPage {
  readonly dialog: Locator;
  readonly viewer: Locator;
  readonly canvas: Locator;
  readonly refusal: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('attachment-viewer');
    this.viewer = this.dialog.getByTestId('viewer');
    this.canvas = this.dialog.getByTestId('viewer-canvas');
    this.refusal = this.dialog.getByTestId('viewer-refusal');
  }

  /** Opens an attachment of the ticket on screen by its id. */
  async open(attachmentId: string): Promise<void> {
    await this.page.locator(`[data-testid="attachment-open"][data-attachment-id="${attachmentId}"]`).click();
    await this.dialog.waitFor();
  }

  async close(): Promise<void> {
    await this.dialog.getByTestId('attachment-viewer-close').click();
  }
}
