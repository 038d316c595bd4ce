/** The settings screen: backend address and its test, language, theme, density, update channel. */
import type { Locator, Page } from '@playwright/test';

export type UiLanguage = 'fr' | 'de' | 'en';
export type Theme = 'light' | 'dark' | 'system';
export type Density = 'comfortable' | 'compact';

export class Settings {
  readonly root: Locator;
  readonly backendUrl: Locator;
  readonly backendHint: Locator;
  readonly backendSave: Locator;
  readonly backendSaved: Locator;
  readonly backendTest: Locator;
  readonly backendProbe: Locator;
  readonly backendInUse: Locator;
  readonly problems: Locator;
  readonly exportDiagnostics: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('settings');
    this.backendUrl = page.getByTestId('backend-url');
    this.backendHint = page.getByTestId('backend-url-hint');
    this.backendSave = page.getByTestId('backend-save');
    this.backendSaved = page.getByTestId('backend-saved');
    this.backendTest = page.getByTestId('backend-test');
    this.backendProbe = page.getByTestId('backend-probe');
    this.backendInUse = page.getByTestId('backend-in-use');
    this.problems = page.getByTestId('settings-problems');
    this.exportDiagnostics = page.getByTestId('settings-export-diagnostics');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('open-settings').click();
    await this.root.waitFor();
  }

  async setLanguage(language: UiLanguage): Promise<void> {
    await this.page.getByTestId(`language-${language}`).check();
  }

  /** Waits for the settings to have come from main (the theme group shows then). */
  async setTheme(theme: Theme): Promise<void> {
    await this.page.getByTestId(`theme-${theme}`).check();
  }

  async setDensity(density: Density): Promise<void> {
    await this.page.getByTestId(`density-${density}`).check();
  }

  async setUpdateChannel(channel: 'stable' | 'beta'): Promise<void> {
    await this.page.getByTestId(`update-channel-${channel}`).check();
  }

  option(testId: string): Locator {
    return this.page.getByTestId(testId);
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
