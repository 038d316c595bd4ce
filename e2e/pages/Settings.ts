/** Settings dialog: the UI language. */
import type { Locator, Page } from '@playwright/test';

export type UiLanguage = 'fr' | 'de' | 'en';

export class Settings {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('settings');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-settings').click();
    await this.root.waitFor();
  }

  async setLanguage(language: UiLanguage): Promise<void> {
    await this.page.getByTestId(`language-${language}`).check();
  }

  async close(): Promise<void> {
    await this.page.getByTestId('settings-close').click();
  }

  /** Opens settings, switches, closes; the <html lang> follows. */
  async switchTo(language: UiLanguage): Promise<void> {
    await this.open();
    await this.setLanguage(language);
    await this.close();
    await this.page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
  }
}
