/** The sign-in screen (a remote backend nobody signed in to, an expired session, after sign-out). */
import type { Locator, Page } from '@playwright/test';

export class SignInPage {
  readonly root: Locator;
  readonly error: Locator;
  readonly insecureWarning: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('sign-in');
    this.error = page.getByTestId('sign-in-error');
    this.insecureWarning = page.getByTestId('sign-in-insecure');
  }

  async signIn(login: string, password: string): Promise<void> {
    await this.page.getByTestId('sign-in-login').fill(login);
    await this.page.getByTestId('sign-in-password').fill(password);
    await this.page.getByTestId('sign-in-submit').click();
  }
}
