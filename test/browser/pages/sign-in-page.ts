import { BasePage } from './base-page';

/** The development issuer's GOV.UK sign-in form, reached from /sign-in. */
export class SignInPage extends BasePage {
  async open(): Promise<this> {
    await this.page.goto('/sign-in');
    await this.qa('dev-sign-in-form').waitFor();
    return this;
  }

  async signInAs(user: string, password = `dev-${user}`): Promise<void> {
    await this.qa('username').fill(user);
    await this.qa('password').fill(password);
    await this.qa('sign-in').click();
    await this.page.waitForLoadState('domcontentloaded');
  }
}
