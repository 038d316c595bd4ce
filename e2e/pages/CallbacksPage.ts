/**
 * Priority callbacks: the expert's day on the callbacks desk, the callback
 * box in the triage ticket pane (schedule / why not), and the scheduling
 * dialog with its free slots and conflicts.
 */
import type { Locator, Page } from '@playwright/test';

export type CallbackOutcome = 'reached' | 'no_answer' | 'cancelled';

export class CallbacksPage {
  readonly desk: Locator;
  readonly dayTitle: Locator;
  readonly dayPicker: Locator;
  readonly items: Locator;
  readonly detail: Locator;
  readonly phone: Locator;
  readonly attempt: Locator;
  readonly note: Locator;
  readonly ticketBox: Locator;
  readonly whyNot: Locator;
  readonly useReply: Locator;
  readonly dialog: Locator;
  readonly slots: Locator;
  readonly conflict: Locator;
  readonly booked: Locator;
  /** The scheduling dialog's day picker (one tab a day, seven a week) and the day's slots. */
  readonly dayTabs: Locator;
  readonly selectedDayTab: Locator;
  readonly daySlots: Locator;
  readonly weekNext: Locator;
  /** An empty day's sentence, and its button to the expert's next call. */
  readonly emptyText: Locator;
  readonly nextCall: Locator;

  constructor(readonly page: Page) {
    this.desk = page.getByTestId('callbacks-workspace');
    this.dayTitle = page.getByTestId('cb-day');
    this.dayPicker = page.getByTestId('cb-day-picker');
    this.items = page.getByTestId('cb-item');
    this.detail = page.getByTestId('cb-detail');
    this.phone = page.getByTestId('cb-phone');
    this.attempt = page.getByTestId('cb-attempt');
    this.note = page.getByTestId('cb-note');
    this.ticketBox = page.getByTestId('cb-ticket');
    this.whyNot = page.getByTestId('cb-why-not');
    this.useReply = page.getByTestId('cb-use-reply');
    this.dialog = page.getByTestId('cb-schedule-dialog');
    this.slots = page.getByTestId('cb-slot');
    this.conflict = page.getByTestId('cb-conflict');
    this.booked = page.getByTestId('cb-booked');
    this.dayTabs = page.getByTestId('cb-day-tab');
    this.selectedDayTab = page.locator('[data-testid="cb-day-tab"][aria-selected="true"]');
    this.daySlots = page.getByTestId('cb-day-slots');
    this.weekNext = page.getByTestId('cb-week-next');
    this.emptyText = page.getByTestId('cb-empty-text');
    this.nextCall = page.getByTestId('cb-next-call');
  }

  /** The callbacks desk (header tab). */
  async openDesk(): Promise<void> {
    await this.page.getByTestId('desk-callbacks').click();
    await this.desk.waitFor();
  }

  async openTriage(): Promise<void> {
    await this.page.getByTestId('desk-triage').click();
  }

  /** Shows a day "YYYY-MM-DD" (Europe/Zurich) in the day view. */
  async showDay(day: string): Promise<void> {
    await this.dayPicker.fill(day);
    await this.page.locator(`[data-testid="cb-day"][data-day="${day}"]`).waitFor();
  }

  /** The calls of a ticket in the day shown, optionally in one status. */
  itemsOf(ticketId: string, status?: string): Locator {
    const s = status === undefined ? '' : `[data-status="${status}"]`;
    return this.page.locator(`[data-testid="cb-item"][data-ticket-id="${ticketId}"]${s}`);
  }

  async take(): Promise<void> {
    await this.page.getByTestId('cb-take').click();
  }

  async record(outcome: CallbackOutcome): Promise<void> {
    await this.page.getByTestId(`cb-outcome-${outcome}`).click();
  }

  /** From the open ticket in triage: the scheduling dialog. */
  async openSchedule(): Promise<void> {
    await this.page.getByTestId('cb-schedule-open').click();
    await this.dialog.waitFor();
  }

  async preferWindow(window: 'any' | 'morning' | 'afternoon'): Promise<void> {
    await this.page.getByTestId('cb-window').selectOption(window);
  }

  async closeDialog(): Promise<void> {
    await this.page.getByTestId('cb-schedule-close').click();
  }
}
