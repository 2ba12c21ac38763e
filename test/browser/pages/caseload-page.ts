import type { Locator } from 'playwright-core';
import { BasePage } from './base-page';

/** The officer's caseload: tabs by deadline, filters, a row per entitlement owed. */
export class CaseloadPage extends BasePage {
  async open(due: 'overdue' | 'today' | 'soon' = 'overdue'): Promise<this> {
    await this.page.goto(`/caseload?due=${due}`);
    return this;
  }

  rows(): Locator {
    return this.qa('caseload-row');
  }

  rowsFor(crimeReference: string, ruleTitle: string): Locator {
    return this.rows().filter({ hasText: crimeReference }).filter({ hasText: ruleTitle });
  }

  async openVictim(crimeReference: string): Promise<void> {
    await this.rows()
      .filter({ hasText: crimeReference })
      .first()
      .locator('[data-qa="victim-link"]')
      .click();
  }
}
