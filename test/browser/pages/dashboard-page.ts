import type { Download, Locator } from 'playwright-core';
import { BasePage } from './base-page';

/** The PCC dashboard: headline figures, a chart per Right, agency and month with its table. */
export class DashboardPage extends BasePage {
  async open(query = ''): Promise<this> {
    await this.page.goto(`/dashboard${query}`);
    return this;
  }

  override heading(): Locator {
    return this.qa('dashboard-heading');
  }

  complianceRate(): Locator {
    return this.qa('compliance-rate');
  }

  headline(): Locator {
    return this.qa('headline');
  }

  /** A chart's section: `chart-by-right`, `chart-by-agency`, `chart-trend`, `chart-by-area`. */
  chart(id: string): Locator {
    return this.qa(id);
  }

  /** The cells of a chart's table, row by row, as text (the head row first). */
  async tableOf(id: string): Promise<string[][]> {
    return this.chart(id)
      .locator('table tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          [...row.querySelectorAll('th, td')].map((cell) =>
            (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
          ),
        ),
      );
  }

  async filter(fields: { from?: string; to?: string; asOf?: string }): Promise<void> {
    for (const [id, value] of Object.entries(fields)) await this.page.locator(`#${id}`).fill(value);
    await this.qa('dashboard-filters').getByRole('button', { name: 'Show figures' }).click();
    await this.page.waitForLoadState('domcontentloaded');
  }

  async openBreaches(): Promise<BreachListPage> {
    await this.qa('breaches-link').click();
    await this.page.waitForLoadState('domcontentloaded');
    return new BreachListPage(this.page);
  }

  /** Clicks the CSV link and waits for the browser's download. */
  async downloadCsv(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.qa('csv-download').click(),
    ]);
    return download;
  }
}

/** The dashboard's drill-down: breaches and entitlements met late, by pseudonymous reference. */
export class BreachListPage extends BasePage {
  override heading(): Locator {
    return this.qa('breaches-heading');
  }

  showing(): Locator {
    return this.qa('breaches-showing');
  }

  rows(): Locator {
    return this.qa('breaches-table').locator('tbody tr');
  }
}
