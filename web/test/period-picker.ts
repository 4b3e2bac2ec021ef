import type { Page } from 'playwright-core';

/** Picks 报告期 in the round dialog: a year and then the whole year, a quarter or a month, from lists. */
export async function pickPeriod(page: Page, year: string, part: string): Promise<void> {
  for (const [label, option] of [
    ['报告期年份', year],
    ['报告期季度或月份', part],
  ] as const) {
    await page.getByLabel(label).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
  }
}
