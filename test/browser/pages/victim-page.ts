import type { Locator } from 'playwright-core';
import { BasePage } from './base-page';

/** A victim's page: flags, timeline, entitlements and their "Record as done" links. */
export class VictimPage extends BasePage {
  entitlement(ruleId: string): Locator {
    return this.page.locator(`[data-qa="entitlement-row"][data-rule="${ruleId}"]`);
  }

  status(ruleId: string): Locator {
    return this.entitlement(ruleId).locator('[data-qa="entitlement-status"]');
  }

  async recordDone(ruleId: string): Promise<void> {
    await this.entitlement(ruleId).locator('[data-qa="record-done"]').click();
  }

  flags(): Locator {
    return this.qa('victim-flags');
  }

  timelineEntries(): Locator {
    return this.qa('timeline-entry');
  }

  erasedNotice(): Locator {
    return this.qa('erased-notice');
  }
}
