/** Presence on tickets (who else is viewing or replying) and the collision prompt before a reply is sent. */
import type { Locator, Page } from '@playwright/test';

export class PresencePage {
  /** The ticket pane's line of people on the open ticket (empty when nobody else is there). */
  readonly line: Locator;
  readonly collisionDialog: Locator;
  readonly collisionReplies: Locator;

  constructor(readonly page: Page) {
    this.line = page.getByTestId('presence-line');
    this.collisionDialog = page.getByTestId('collision-dialog');
    this.collisionReplies = page.getByTestId('collision-reply');
  }

  /** One person on the open ticket, in the ticket pane (`data-activity`: viewing or replying). */
  inPane(agentId: string): Locator {
    return this.line.locator(`[data-testid="presence"][data-agent-id="${agentId}"]`);
  }

  /** The queue row's mark of someone else on the ticket (its accessible name says who and what). */
  rowMark(ticketId: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-ticket-id="${ticketId}"] [data-testid="row-presence"]`);
  }

  async sendAnyway(): Promise<void> {
    await this.collisionDialog.getByTestId('collision-send').click();
  }

  async editMine(): Promise<void> {
    await this.collisionDialog.getByTestId('collision-edit').click();
  }
}
