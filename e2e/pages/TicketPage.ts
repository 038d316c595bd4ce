/** The open ticket, its actions, pickers, composer, flags and outbox entries. */
import type { Locator, Page } from '@playwright/test';

export type TicketAction = 'recategorise' | 'assign' | 'status' | 'reply' | 'escalate' | 'merge';
type PickerId = 'category-picker' | 'assign-picker' | 'status-picker' | 'merge-picker';

export class TicketPage {
  readonly root: Locator;
  readonly subject: Locator;
  readonly status: Locator;
  readonly category: Locator;
  readonly assignee: Locator;
  readonly level: Locator;
  readonly messages: Locator;
  readonly attachments: Locator;
  readonly duplicates: Locator;
  readonly account: Locator;
  readonly prioritySupport: Locator;
  readonly terminationFlag: Locator;
  readonly outboxEntries: Locator;
  readonly composer: Locator;
  readonly composerBody: Locator;
  readonly notices: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('ticket');
    this.subject = page.getByTestId('ticket-subject');
    this.status = page.getByTestId('ticket-status');
    this.category = page.getByTestId('ticket-category');
    this.assignee = page.getByTestId('ticket-assignee');
    this.level = page.getByTestId('ticket-level');
    this.messages = page.getByTestId('message');
    this.attachments = page.getByTestId('attachment');
    this.duplicates = page.getByTestId('duplicate');
    this.account = page.getByTestId('account');
    this.prioritySupport = page.getByTestId('priority-support');
    this.terminationFlag = page.getByTestId('chat-termination-flag');
    this.outboxEntries = page.getByTestId('outbox-entry');
    this.composer = page.getByTestId('composer');
    this.composerBody = page.getByTestId('composer-body');
    this.notices = page.getByTestId('notice');
  }

  /** The open ticket's id (data attribute on the pane). */
  async id(): Promise<string | null> {
    return this.root.getAttribute('data-ticket-id');
  }

  actionButton(action: TicketAction): Locator {
    return this.page.getByTestId(`action-${action}`);
  }

  outboxEntry(state: 'pending' | 'sending' | 'conflict' | 'rejected'): Locator {
    return this.page.locator(`[data-testid="outbox-entry"][data-state="${state}"]`);
  }

  picker(id: PickerId): Locator {
    return this.page.getByTestId(id);
  }

  /** In an open picker: filter by text and press Enter on the first match (keyboard only). */
  async pickByKeyboard(id: PickerId, text: string): Promise<void> {
    const input = this.page.getByTestId(`${id}-input`);
    await input.fill(text);
    await input.press('Enter');
  }

  /** In an open picker: the option for a value (category id, agent id, status). */
  pickerItem(id: PickerId, value: string): Locator {
    return this.picker(id).locator(`[data-pick-value="${value}"]`);
  }

  /** c, then the category typed and Enter. */
  async recategoriseByKeyboard(categoryName: string): Promise<void> {
    await this.page.keyboard.press('c');
    await this.pickByKeyboard('category-picker', categoryName);
  }

  /** a, then "me" (first option) with Enter. */
  async assignToMeByKeyboard(): Promise<void> {
    await this.page.keyboard.press('a');
    await this.picker('assign-picker').getByTestId('assign-picker-input').press('Enter');
  }

  /** s, then the status label typed and Enter. */
  async setStatusByKeyboard(statusLabel: string): Promise<void> {
    await this.page.keyboard.press('s');
    await this.pickByKeyboard('status-picker', statusLabel);
  }

  /** r, filter the canned replies, Enter inserts it, Ctrl+Enter sends. */
  async replyWithCannedByKeyboard(filter: string): Promise<void> {
    await this.page.keyboard.press('r');
    const cannedFilter = this.page.getByTestId('canned-filter');
    await cannedFilter.fill(filter);
    await cannedFilter.press('Enter');
    await this.composerBody.press('Control+Enter');
  }

  cannedItems(): Locator {
    return this.page.getByTestId('canned-item');
  }

  async applyMineAgain(): Promise<void> {
    await this.page.getByTestId('apply-mine-again').click();
  }

  async keepTheirs(): Promise<void> {
    await this.page.getByTestId('keep-theirs').click();
  }

  conflictTheirs(): Locator {
    return this.page.getByTestId('conflict-theirs');
  }

  conflictMine(): Locator {
    return this.page.getByTestId('conflict-mine');
  }

  async useTerminationReply(): Promise<void> {
    await this.page.getByTestId('use-termination-reply').click();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('ticket-close').click();
  }
}
