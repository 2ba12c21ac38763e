import type { Locator, Page } from 'playwright-core';

/** What every page has: its heading, title, the signed-in line, the service navigation. */
export abstract class BasePage {
  constructor(readonly page: Page) {}

  qa(id: string): Locator {
    return this.page.locator(`[data-qa="${id}"]`);
  }

  heading(): Locator {
    return this.qa('page-heading');
  }

  async signOut(): Promise<void> {
    await this.qa('sign-out').click();
  }

  successBanner(): Locator {
    return this.qa('success-banner');
  }

  errorSummary(): Locator {
    return this.qa('error-summary');
  }
}
