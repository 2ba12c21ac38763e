import { BasePage } from './base-page';

/** The administrator's pages: the audit check, erasure, and the reason asked before a record. */
export class AdminPages extends BasePage {
  async openErasure(): Promise<this> {
    await this.page.goto('/admin/erasure');
    return this;
  }

  async erase(victimId: string, reason: string): Promise<void> {
    await this.qa('victim-id').fill(victimId);
    await this.qa('reason').fill(reason);
    await this.qa('continue').click();
    await this.qa('confirm-erasure').waitFor();
  }

  async confirmErasure(): Promise<void> {
    await this.qa('confirm-erasure').click();
    await this.page.waitForLoadState('domcontentloaded');
  }

  async openAudit(): Promise<this> {
    await this.page.goto('/admin/audit');
    return this;
  }

  async giveReason(reason: string): Promise<void> {
    await this.qa('reason').fill(reason);
    await this.qa('continue').click();
    await this.page.waitForLoadState('domcontentloaded');
  }
}
