/** The merge's confirmation dialog, its undo notice, and the links a merge leaves on both tickets. */
import type { Locator, Page } from '@playwright/test';

export class MergePage {
  readonly dialog: Locator;
  /** The ticket that is closed (`data-ticket-id`). */
  readonly closes: Locator;
  /** The ticket that stays open (`data-ticket-id`). */
  readonly staysOpen: Locator;
  readonly confirm: Locator;
  readonly cancel: Locator;
  /** The notice "#… fusionné dans #…" with its undo button. */
  readonly doneNotice: Locator;
  readonly undo: Locator;
  readonly undoneNotice: Locator;
  readonly mergedInto: Locator;
  readonly mergedFrom: Locator;
  /** Messages of the open ticket copied from a merged one (the badge names it). */
  readonly carried: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('merge-dialog');
    this.closes = page.getByTestId('merge-closes');
    this.staysOpen = page.getByTestId('merge-staysOpen');
    this.confirm = page.getByTestId('merge-confirm');
    this.cancel = page.getByTestId('merge-cancel');
    this.doneNotice = page.locator('[data-testid="notice"][data-key="merge.done"]');
    this.undo = this.doneNotice.getByTestId('notice-action');
    this.undoneNotice = page.locator('[data-testid="notice"][data-key="merge.undone"]');
    this.mergedInto = page.getByTestId('merged-into');
    this.mergedFrom = page.getByTestId('merged-from');
    this.carried = page.getByTestId('message').filter({ has: page.getByTestId('message-merged-from') });
  }

  /** A card's number, subject, requester and message count, as shown. */
  async card(which: 'closes' | 'staysOpen'): Promise<Record<'number' | 'subject' | 'requester' | 'messages', string>> {
    const root = which === 'closes' ? this.closes : this.staysOpen;
    const text = (id: string) => root.getByTestId(id).innerText();
    return {
      number: await text('merge-card-number'),
      subject: await text('merge-card-subject'),
      requester: await text('merge-card-requester'),
      messages: await text('merge-card-messages'),
    };
  }
}
