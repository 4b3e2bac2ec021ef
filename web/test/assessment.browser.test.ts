import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { pickPeriod } from './period-picker.ts';

describe('assessment and bulletins in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let office: string;
  let reporter: string;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    office = (await createUser(server.db, { roles: ['office'], displayName: '办公室小王' })).username;
    reporter = (await createUser(server.db, { roles: ['reporter'], units: ['下蜀镇'], displayName: '下蜀镇填报员' }))
      .username;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the office make the year’s scheme and preview the ranking live as a weight changes', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, office, TEST_PASSWORD);
    await page.getByRole('link', { name: '考核评分' }).click();
    await page.getByRole('button', { name: '新建年度方案' }).click();
    await page.getByLabel('考核年度').last().fill('2025');
    await page
      .getByRole('button', { name: /新\s*建/ })
      .last()
      .click();
    await page.getByText('排名预览（按当前编辑的方案即时计算，未保存）').waitFor();
    await page.getByText('市科技局').first().waitFor();
    await screenshot(page, 'assessment-scheme-desktop');
    // A weight that breaks the total: the editor names the items and stops offering to save.
    await page.getByLabel('权重').first().fill('45');
    await page.getByText('各考核项权重合计应为 100 分，当前为 105 分').waitFor();
    await expect(page.getByRole('button', { name: '保存方案' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel('权重').nth(1).fill('35');
    await page.getByRole('button', { name: '保存方案' }).click();
    await page.getByText('考核方案已保存').waitFor();
    await page.getByRole('tab', { name: '实时评分' }).click();
    // The data version as people read it (issue 16, item 5), never the fingerprint beside it.
    await page.getByText(/^\d{4}年\d{1,2}月\d{1,2}日的数据（第1版）$/).waitFor();
    await expect(page.getByText(/数据版本 [0-9a-f]{16}/).count()).resolves.toBe(0);
    await page.getByRole('tabpanel').getByText('市科技局', { exact: true }).first().click();
    await page.getByText('市科技局 考核计算过程').waitFor();
    await screenshot(page, 'assessment-workings-desktop');
    expect(problems).toEqual([]);
  });

  it('lets the office generate, edit, preview and publish a bulletin, which a unit then reads and downloads', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, office, TEST_PASSWORD);
    await page.getByRole('link', { name: '情况通报' }).click();
    await page.getByRole('button', { name: '生成通报' }).click();
    // 报告期 from lists, spelled out, never typed as "2025Q3" (issue 16, item 5).
    await pickPeriod(page, '2025年', '第三季度');
    await page.getByText('将通报：2025年第三季度').waitFor();
    await page
      .getByRole('button', { name: /生\s*成/ })
      .last()
      .click();
    await page.getByLabel('标题').waitFor();
    await page.getByLabel('标题').fill('关于2025年第三季度全市创新型示范市建设工作推进情况的通报');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    await page.getByText('预览', { exact: true }).click();
    await page.getByRole('article', { name: '通报预览' }).getByText('一、总体情况').waitFor();
    await screenshot(page, 'bulletin-preview-desktop');
    await page.getByRole('button', { name: /印\s*发/ }).click();
    await page
      .getByRole('button', { name: /印\s*发/ })
      .last()
      .click();
    await page.getByText(/已印发：\d{4}年第1期/).waitFor();
    expect(problems).toEqual([]);

    const unit = await openPage(browser, { width: 390, height: 844 });
    await signIn(unit.page, server.url, reporter, TEST_PASSWORD);
    await unit.page.getByRole('heading', { name: '句容市争创省创新型示范市建设方案' }).waitFor();
    await unit.page.goto(`${server.url}/bulletins`);
    await unit.page.getByRole('link', { name: '关于2025年第三季度全市创新型示范市建设工作推进情况的通报' }).waitFor();
    const download = unit.page.waitForEvent('download');
    await unit.page.getByRole('button', { name: 'Word' }).first().click();
    expect((await download).suggestedFilename()).toMatch(/年第1期 关于2025年第三季度.*\.docx$/);
    await screenshot(unit.page, 'bulletins-archive-phone');
    expect(unit.problems).toEqual([]);
  });
});
