import { BasePage } from './base-page';

/** "Record as done": when it happened (GOV.UK date input and a time) and how. */
export class RecordPage extends BasePage {
  async record(when: { day: string; month: string; year: string; time: string }, method?: string) {
    await this.qa('day').fill(when.day);
    await this.qa('month').fill(when.month);
    await this.qa('year').fill(when.year);
    await this.qa('time').fill(when.time);
    if (method) await this.page.locator(`input[name="method"][value="${method}"]`).check();
    await this.qa('record-done').click();
    await this.page.waitForLoadState('domcontentloaded');
  }
}
