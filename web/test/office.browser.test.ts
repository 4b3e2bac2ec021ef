import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { button, httpError, quiet, settled } from './page-helpers.ts';
import { pickPeriod } from './period-picker.ts';

// The office's path through the plan: a milestone, a work item under a task, a new round.
describe('the office edits the plan and opens a round in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const users: Record<string, string> = {};

  /** A watched page signed in as one of the users; `allow` names the failures a step provokes on purpose. */
  const as = async (who: string, allow: RegExp[] = []): Promise<{ page: Page; problems: string[] }> => {
    // Navigating on right after sign-in cancels the home page's chunk preloads: not a failure.
    const watched = await openPage(browser, undefined, [/net::ERR_ABORTED/, ...allow]);
    await signIn(watched.page, server.url, users[who]!, TEST_PASSWORD);
    await watched.page.getByRole('button', { name: '账号菜单' }).waitFor();
    return watched;
  };
  const planTab = async (page: Page, tab: RegExp) => {
    await page.getByRole('link', { name: '建设方案' }).click();
    await page.getByTestId('task').first().waitFor();
    await page.getByRole('tab', { name: tab }).click();
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    users.office = (await createUser(server.db, { roles: ['office'], displayName: '办公室小李' })).username;
    users.leader = (await createUser(server.db, { roles: ['leader'], displayName: '分管副市长' })).username;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the office set the 2024 milestone and the target, each refused on its field first', async () => {
    const { page, problems } = await as('office', httpError(400, /\/(milestones|target)/));
    await planTab(page, /目标指标/);
    // 产学研合作项目 is a flow from 0 in 2021 to 300 in 2025: 2024 is interpolated at 225.
    const row = page.getByRole('row', { name: /产学研合作项目/ });
    await row.getByText('0 项（2021年）').waitFor();
    await row.getByRole('button', { name: /编辑/ }).click();
    const drawer = page.getByTestId('indicator-editor');
    await drawer.getByTestId('milestone-2024').getByText('插值 225 项').waitFor();
    const input = drawer.getByLabel('2024年分年度目标');
    await input.fill('-10');
    await button(drawer, '保存分年度目标').click();
    await drawer.getByText('2024年目标值不能为负数').waitFor();
    await input.fill('240');
    await button(drawer, '保存分年度目标').click();
    await page.getByText('分年度目标已保存').waitFor();
    await drawer.getByTestId('milestone-2024').getByText('办公室设定').waitFor();
    await expect(drawer.getByText('2024年目标值不能为负数').count()).resolves.toBe(0);
    await expect(drawer.getByLabel('2024年分年度目标').inputValue()).resolves.toBe('240');
    await settled(page);
    await drawer.getByText('分年度目标', { exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'office-indicator-editor');
    // The target: the reason is required, and the table shows the new target once saved.
    await drawer.getByLabel('目标值').fill('320');
    await button(drawer, '保存目标值').click();
    await drawer.getByText('请填写调整说明').waitFor();
    await drawer.getByLabel('调整说明').fill('依据方案中期评估调整');
    await button(drawer, '保存目标值').click();
    await page.getByText('目标值已调整').waitFor();
    await row.getByText('≥ 320 项').waitFor();
    await page.locator('.ant-drawer-close').click();

    await row.getByRole('link', { name: '产学研合作项目' }).click();
    const milestone2024 = page.getByRole('row', { name: /^2024年/ });
    await milestone2024.getByText('办公室设定').waitFor();
    await expect(milestone2024.getByText('240 项').isVisible()).resolves.toBe(true);
    await quiet(page);
    expect(problems.join('\n')).toBe('');
  });

  it('lets the office add a work item to a task, filled in with the task', async () => {
    const { page, problems } = await as('office');
    await planTab(page, /重点任务/);
    const task = page.getByTestId('task').filter({ hasText: '11. 创新产学研合作模式' });
    await task.getByText('工作事项（0）').waitFor();
    await button(task, '新增工作事项').click();
    const dialog = page.getByRole('dialog', { name: '分解工作事项' });
    // The task, its lead unit and a year of the plan arrive filled in.
    await dialog.getByText('11. 创新产学研合作模式').waitFor();
    await dialog.getByText('市科技局').first().waitFor();
    await dialog.getByLabel('事项名称').fill('组织高校院所与企业产学研对接活动');
    await dialog.getByLabel('配合单位').click();
    await dialog.getByLabel('配合单位').fill('白兔镇');
    await dialog.getByLabel('配合单位').press('Enter');
    await expect(dialog.getByLabel('年度').inputValue()).resolves.toBe('2025');
    await button(dialog, '保存').click();
    await page.getByText('已新建工作事项').waitFor();
    const item = task.getByTestId('work-item');
    await item.getByRole('link', { name: '组织高校院所与企业产学研对接活动' }).waitFor();
    await expect(item.getByText('时限 2025年12月31日').isVisible()).resolves.toBe(true);
    await expect(task.getByText('工作事项（1）').isVisible()).resolves.toBe(true);
    await settled(page);
    await task.scrollIntoViewIfNeeded();
    await screenshot(page, 'office-task-work-items');
    await quiet(page);
    expect(problems.join('\n')).toBe('');
  });

  it('lets the office open 2025Q4 and see each unit’s duties, the work item’s among them', async () => {
    const { page, problems } = await as('office');
    // The navigation's entry: the cockpit's ranking card has a 填报轮次 link of its own once it loads.
    await page
      .getByRole('menuitem', { name: /填报轮次/ })
      .getByRole('link')
      .click();
    await button(page, '开启填报').click();
    await pickPeriod(page, '2025年', '第四季度');
    await page.getByLabel('截止日期').fill('2026-01-25');
    await page.getByLabel('截止日期').press('Enter');
    await button(page.getByRole('dialog', { name: '开启填报' }), '开启').click();
    await page.getByText(/已开启2025年第四季度填报，共 \d+ 个单位 \d+ 项任务/).waitFor();
    await page.getByRole('link', { name: '2025年第四季度' }).click();
    await page.getByRole('heading', { name: '2025年第四季度填报情况' }).waitFor();
    // 白兔镇 reports nothing else: its row is the co-unit's part of the new work item.
    const town = page.getByRole('row', { name: /白兔镇/ });
    await town.getByText('0/1').waitFor();
    await page.getByRole('row', { name: /市科技局/ }).waitFor();
    await settled(page);
    await screenshot(page, 'office-round-opened');
    expect(problems.join('\n')).toBe('');
  });

  it('shows a leader the targets, baselines and milestones without any edit button', async () => {
    const { page, problems } = await as('leader');
    await planTab(page, /目标指标/);
    const row = page.getByRole('row', { name: /产学研合作项目/ });
    await row.getByText('办公室设定').or(row.getByText('方案目标')).first().waitFor();
    await expect(page.locator('tbody tr[data-row-key]').count()).resolves.toBe(24);
    await expect(page.getByRole('button', { name: /编辑/ }).count()).resolves.toBe(0);
    await page.getByRole('tab', { name: /重点任务/ }).click();
    await page.getByText('组织高校院所与企业产学研对接活动').waitFor();
    await expect(page.getByRole('button', { name: /新增工作事项/ }).count()).resolves.toBe(0);
    await quiet(page);
    expect(problems.join('\n')).toBe('');
  });
});
