/** Ctrl/Cmd+K palette: the desk's commands and the global ones with their shortcuts, plus "go to" views on triage. */
import type { Locator, Page } from '@playwright/test';

export class CommandPalette {
  readonly root: Locator;
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('command-palette');
    this.input = page.getByTestId('command-palette-input');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await this.root.waitFor();
  }

  /** Command ids of the keymap table (`next`, `recategorise`, `callTake`, `approve`, …), of the desk in use or global. */
  item(command: string): Locator {
    return this.page.getByTestId(`palette-item-${command}`);
  }

  viewItem(view: string): Locator {
    return this.page.getByTestId(`palette-view-${view}`);
  }

  /** Types to filter and runs the first match with Enter. */
  async run(text: string): Promise<void> {
    await this.input.fill(text);
    await this.input.press('Enter');
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** `?` help overlay: the desk's keys then the global ones (sections `help-section-<desk>`, rows `help-<command>`). */
  helpOverlay(): Locator {
    return this.page.getByTestId('help-overlay');
  }
}
