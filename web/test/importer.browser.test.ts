import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { ROOT_DIR } from '../../server/src/config.ts';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { openDialog } from './page-helpers.ts';

const COUNTY = path.join(ROOT_DIR, 'shared/test-fixtures/importer/county-plan.md');
const JURONG = path.join(ROOT_DIR, 'shared/packs/jurong-2022-79.source.md');
const COUNTY_TITLE = '青石县科技创新三年行动计划（2024—2026年）';
const PHONE = { width: 390, height: 844 };

describe('importing a plan in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let office: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    office = (await createUser(server.db, { roles: ['office'], displayName: '办公室小王' })).username;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function uploadAs(file: string, viewport?: { width: number; height: number }, allow: RegExp[] = []) {
    const watched = await openPage(browser, viewport, allow);
    const { page } = watched;
    // What the page showed when a step failed, for whoever reads the failure.
    onTestFailed(() => screenshot(page, 'importer-failure'));
    await signIn(page, server.url, office, TEST_PASSWORD);
    // Home opens the cockpit of the newest plan in force; from there the office finds 方案导入 in the navigation.
    await page.getByTestId('cockpit-indicator').first().waitFor();
    if (viewport) await page.getByRole('button', { name: '打开导航' }).click();
    await page.getByRole('link', { name: '方案导入' }).click();
    await page.getByText('点击或拖入方案文件').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.waitForURL(/\/plan-imports\/[0-9a-f-]{36}$/);
    return watched;
  }
  /** Whether the marked text lies within the visible part of the source panel. */
  async function inView(panel: Locator, mark: Locator): Promise<boolean> {
    const [p, m] = [await panel.boundingBox(), await mark.boundingBox()];
    return !!p && !!m && m.y >= p.y && m.y + Math.min(m.height, 40) <= p.y + p.height;
  }
  const items = (page: Page, kind = 'tasks') => page.getByTestId(`import-list-${kind}`).getByTestId('import-item');

  it('takes the office from an uploaded county plan, through review and unit mapping, to the plan in force', async () => {
    const { page, problems } = await uploadAs(COUNTY);
    await page.getByRole('heading', { name: COUNTY_TITLE }).waitFor();
    await expect(items(page).count()).resolves.toBe(3);
    await expect(page.getByTestId('source-panel').getByText('青石县人民政府办公室文件').isVisible()).resolves.toBe(
      true,
    );
    await screenshot(page, 'importer-review-desktop');

    await items(page).filter({ hasText: '1. 实施高企培育计划' }).click();
    const mark = page.getByTestId('source-panel').locator('.source-mark').first();
    await mark.waitFor();
    await expect(mark.textContent()).resolves.toContain('实施高企培育计划');
    // The panel scrolls smoothly until the mark is in view.
    await expect.poll(() => inView(page.getByTestId('source-panel'), mark), { timeout: 5000 }).toBe(true);
    await screenshot(page, 'importer-review-highlight');

    const task2 = items(page).filter({ hasText: '2. 壮大科技型中小企业' });
    await task2.getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('牵头单位').fill('县经济和信息化局');
    // 完成期限 takes the plan's phrase; an impossible date is refused on the field.
    await dialog.getByLabel('完成期限').fill('2026年13月底');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('完成期限“2026年13月底”不是有效日期').waitFor();
    await dialog.getByLabel('完成期限').fill('2026年6月底前');
    await screenshot(page, 'importer-edit-task');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await task2.getByText('县经济和信息化局').waitFor();
    await expect(task2.getByText('期限 2026-06-30（2026年6月底前）').isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: '下一步' }).click();
    const row = (name: string) =>
      page.getByRole('row').filter({ has: page.getByTestId('mapping-row').getByText(name, { exact: true }) });
    await row('县经济和信息化局').waitFor();
    // A new county wants its own bureau, not Jurong's 市科技局 that the prefix rule suggests.
    await expect(row('县科技局').getByText('市科技局·仅前缀不同').isVisible()).resolves.toBe(true);
    await row('县科技局').getByLabel('县科技局的对应方式').click();
    await page.locator('.ant-select-dropdown:visible').getByText('新建单位', { exact: true }).click();
    await expect(row('县科技局').getByLabel('县科技局的全称').isVisible()).resolves.toBe(true);
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await expect(row('各乡镇（街道）').getByText('全部成员').isVisible()).resolves.toBe(true);
    await screenshot(page, 'importer-mapping-desktop');

    await page.getByRole('button', { name: '下一步' }).click();
    // The code is generated from the document number, not asked for (issue 16, item 5).
    await expect(page.getByTestId('plan-code').textContent()).resolves.toBe('plan-2024-12');
    await expect(page.getByLabel('方案编码').count()).resolves.toBe(0);
    await expect(page.locator('.confirm-step .ant-tag').allTextContents()).resolves.toEqual([
      '县科技局',
      '县税务局',
      '县经济和信息化局',
      '各乡镇（街道）',
    ]);
    await screenshot(page, 'importer-confirm-desktop');
    await page.getByRole('button', { name: '确认生效' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认生效' }).click();

    await page.waitForURL(/\/plans\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: COUNTY_TITLE }).waitFor();
    await page.getByTestId('task').first().waitFor();
    await expect(page.getByTestId('task').count()).resolves.toBe(3);
    const t2 = page.getByTestId('task').filter({ hasText: '2. 壮大科技型中小企业' });
    await expect(t2.locator('.task-units').getByText('县经济和信息化局').isVisible()).resolves.toBe(true);
    // The task shows its deadline and, below, the work item confirming made for it.
    await t2.getByText('工作事项（1）').waitFor();
    await expect(t2.getByTestId('task-due').textContent()).resolves.toBe('2026-06-30（2026年6月底前）');
    // The deadline is tracked from the start: a work item for the task's lead unit, due that day.
    const due = await server.db
      .selectFrom('work_items')
      .innerJoin('units', 'units.id', 'work_items.lead_unit_id')
      .select(['units.name', 'work_items.due_date', 'work_items.title'])
      .where('work_items.due_date', '=', '2026-06-30')
      .execute();
    expect(due).toEqual([{ name: '县经济和信息化局', due_date: '2026-06-30', title: '壮大科技型中小企业' }]);
    await expect(page.getByText('青政办发〔2024〕12号').isVisible()).resolves.toBe(true);
    await screenshot(page, 'importer-plan-in-force');
    const created = await server.db
      .selectFrom('units')
      .select(['name', 'kind'])
      .where('name', 'in', ['县科技局', '县经济和信息化局', '县税务局'])
      .execute();
    expect(created.map((u) => u.name).sort()).toEqual(['县科技局', '县税务局', '县经济和信息化局']);
    expect(problems).toEqual([]);
  });

  it('shows what the server refuses on the item and field it names', async () => {
    const refused = [/HTTP 400: POST .*\/confirm$/, /status of 400/];
    const { page, problems } = await uploadAs(JURONG, undefined, refused);
    await page.getByRole('heading', { name: '句容市争创省创新型示范市建设方案' }).waitFor();
    await expect(items(page).count()).resolves.toBe(19);
    // Merge tasks 8 and 9, then split the merged task again where task 9's text begins.
    await page.getByRole('checkbox', { name: /^勾选 8\. / }).check();
    await page.getByRole('checkbox', { name: /^勾选 9\. / }).check();
    await page.getByRole('button', { name: /合并所选（2）/ }).click();
    await expect(items(page).count()).resolves.toBe(18);
    const merged = items(page).filter({ hasText: '8. 强化科技创新体系支撑' });
    await expect(merged.getByText('各镇（街道）').isVisible()).resolves.toBe(true);
    await merged.getByRole('button', { name: '拆分' }).click();
    await (await openDialog(page)).getByRole('radio', { name: /^按照“资源共享/ }).check();
    await screenshot(page, 'importer-split-task');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /拆\s*分/ })
      .click();
    await expect(items(page).count()).resolves.toBe(19);
    await expect(items(page).filter({ hasText: '9. 强化科技创新体系支撑（拆分）' }).count()).resolves.toBe(1);
    await page.locator('.proposal-nav label').filter({ hasText: '实施阶段' }).click();
    const phase2 = items(page, 'phases').filter({ hasText: '实施攻坚' });
    await phase2.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('dialog').getByLabel('起始年份').fill('2026');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '修改（高级）' }).click();
    await page.getByLabel('方案编码').fill('jurong-browser');
    await page.getByRole('button', { name: '确认生效' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认生效' }).click();
    const issue = page.getByRole('button', { name: '阶段 2「实施攻坚」的结束年份：阶段起始年份不能晚于结束年份' });
    await issue.waitFor();
    await screenshot(page, 'importer-refused');
    await issue.click();
    await expect(phase2.getByText('阶段起始年份不能晚于结束年份').isVisible()).resolves.toBe(true);
    await expect.poll(() => phase2.getAttribute('class'), { timeout: 15_000 }).toContain('import-item-selected');
    await phase2.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('dialog').getByText('阶段 2「实施攻坚」的结束年份：阶段起始年份不能晚于结束年份').waitFor();
    await screenshot(page, 'importer-refused-field');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await page.getByRole('link', { name: '方案导入' }).first().click();
    await page.getByRole('row').filter({ hasText: 'jurong-2022-79.source.md' }).getByText('核对中').waitFor();
    // The table fades back in once loaded (antd's blur transition, 0.3 s).
    await page.waitForFunction(() => !document.querySelector('.ant-spin-blur'));
    await page.waitForTimeout(400);
    await screenshot(page, 'importer-list-desktop');
    expect(problems).toEqual([]);
  });

  it('lists 未识别的数字 with their lines and makes one a target in one click', async () => {
    const { page, problems } = await uploadAs(JURONG);
    await page.getByRole('heading', { name: '句容市争创省创新型示范市建设方案' }).waitFor();
    await page.getByText('未识别的数字（2）').click();
    const unread = page.getByTestId('import-unread');
    await expect(unread.count()).resolves.toBe(2);
    const figure = unread.filter({ hasText: '孵化基地' });
    await expect(figure.textContent()).resolves.toMatch(/≥ 15家.*第 \d+ 行 · 任务 10/);
    await figure.click();
    const mark = page.getByTestId('source-panel').locator('.source-mark').first();
    await mark.waitFor();
    await expect(mark.textContent()).resolves.toContain('15 家孵化基地');
    await screenshot(page, 'importer-unread-numbers');
    await figure.getByRole('button', { name: '设为指标' }).click();
    await page.getByText('未识别的数字（1）').waitFor();
    await page.getByText('目标指标（25）').click();
    const added = items(page, 'indicators').filter({ hasText: '孵化基地' });
    await expect(added.count()).resolves.toBe(1);
    expect(problems).toEqual([]);
  });

  it('is usable on a phone: the list fits the screen and a task’s source opens below', async () => {
    const { page, problems } = await uploadAs(JURONG, PHONE);
    await page.getByRole('heading', { name: '句容市争创省创新型示范市建设方案' }).waitFor();
    await expect(items(page).count()).resolves.toBe(19);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'importer-review-phone');
    await items(page).filter({ hasText: '17. 完善知识产权激励机制' }).click();
    const mark = page.locator('.source-drawer .source-mark').first();
    await mark.waitFor();
    await expect(mark.textContent()).resolves.toContain('完善知识产权激励机制');
    await expect.poll(() => inView(page.locator('.source-drawer .source-panel'), mark), { timeout: 5000 }).toBe(true);
    await screenshot(page, 'importer-source-phone');
    expect(problems).toEqual([]);
  });
});
