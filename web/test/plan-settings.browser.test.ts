import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  ADMIN_PASSWORD,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  startServer,
  type RunningServer,
} from './harness.ts';
import { apiSession, button, settled } from './page-helpers.ts';

describe("the plan's wording and catalogue codes in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the admin set the wording as a 县 would, and map an indicator to the catalogue', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    await page.getByRole('link', { name: '建设方案' }).click();
    await page.getByTestId('task').first().waitFor();

    await page.getByRole('tab', { name: '发文设置' }).click();
    const issuer = page.getByLabel('发文机关全称');
    await expect.poll(() => issuer.inputValue()).toBe('句容市科技创新委员会办公室');
    await issuer.fill('宝应县科技创新委员会办公室');
    await page.getByLabel('发文机关简称').fill('县科创委办公室');
    await page.getByLabel('建设称谓').fill('示范县');
    await page.getByLabel('层级用字').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^县$/ }).click();
    await page.getByLabel('抄送机关').fill('');
    await button(page, '保存发文设置').click();
    await page.getByText('发文设置已保存').waitFor();
    await settled(page);
    await page.getByText(/最近由.+修改/).waitFor();
    await screenshot(page, 'plan-settings-desktop');

    const call = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    const planId = new URL(page.url()).pathname.split('/')[2]!;
    const saved = (await (await call('GET', `/api/plans/${planId}/settings`)).json()) as {
      wording: Record<string, unknown>;
    };
    expect(saved.wording).toMatchObject({
      issuer: '宝应县科技创新委员会办公室',
      level: '县',
      programme: '示范县',
      cc: null,
    });

    await page.getByRole('tab', { name: /目标指标/ }).click();
    const select = page.getByLabel('市级以上研发平台对应的目录指标');
    await select.click();
    // The list is virtual: type to bring the entry into it, as a user of a long list would.
    await page.keyboard.type('省级以上研发');
    // Each typed character filters the list again; under load CI once clicked an option while the
    // list still moved and nothing was chosen. Click once the list holds the one entry the text names.
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allInnerTexts()).toEqual(['省级以上研发机构数']);
    await options.click();
    await page.getByText('已对应目录指标：省级以上研发机构数').waitFor();
    await settled(page);
    await screenshot(page, 'plan-indicators-catalogue-desktop');
    const cat = (await (await call('GET', `/api/plans/${planId}/indicator-catalogue`)).json()) as {
      indicators: { code: string; catalogueCode: string | null }[];
    };
    expect(cat.indicators.find((i) => i.code === 'rd-platforms')?.catalogueCode).toBe('provincial-rd-institutions');
    expect(problems).toEqual([]);
  });
});
