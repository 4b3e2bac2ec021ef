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

describe('the plan in the browser', () => {
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

  it('sends an anonymous visitor to the login page', async () => {
    const { page, problems } = await openPage(browser);
    await page.goto(`${server.url}/plans/anything`);
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    expect(page.url()).toContain('/login');
    await screenshot(page, 'login-desktop');
    expect(problems).toEqual([]);
  });

  it('shows a wrong password as a Chinese message', async () => {
    const { page } = await openPage(browser);
    await signIn(page, server.url, 'admin', 'wrong-password');
    await expect(page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor()).resolves.toBeUndefined();
  });

  it('lets the admin sign in and see Jurong plan with its 19 tasks, units and phases', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    // Home is the cockpit; the plan as its document reads is 建设方案 in the navigation.
    await page.getByTestId('cockpit-indicator').first().waitFor();
    await page.getByRole('link', { name: '建设方案' }).click();
    await page.getByTestId('task').first().waitFor();
    await page.getByRole('heading', { name: '句容市争创省创新型示范市建设方案' }).waitFor();
    await expect(page.getByTestId('task').count()).resolves.toBe(19);
    await expect(page.getByText('句委办〔2022〕79号').isVisible()).resolves.toBe(true);
    // Its target year (2025) has passed: the header says 已到期, never 实施中 beside an ended plan.
    const state = page.locator('.plan-header .ant-descriptions-item').filter({ hasText: '状态' });
    const expired = new Date().getFullYear() > 2025;
    await expect(state.innerText()).resolves.toContain(expired ? '已到期' : '实施中');
    await expect(page.getByText('17. 完善知识产权激励机制').isVisible()).resolves.toBe(true);
    const task17 = page.getByTestId('task').filter({ hasText: '17. 完善知识产权激励机制' });
    await expect(task17.getByText('市市场监管局').isVisible()).resolves.toBe(true);
    for (const phase of ['组织创建（2022—2024年）', '实施攻坚（2023—2025年）', '巩固提升（2024—2025年）']) {
      await expect(page.getByText(phase).isVisible()).resolves.toBe(true);
    }
    await screenshot(page, 'plan-desktop');
    await page.getByRole('tab', { name: /目标指标/ }).click();
    await page.getByText('≥ 2.8%').waitFor();
    await expect(page.locator('tbody tr[data-row-key]').count()).resolves.toBe(24);
    // Baselines and milestones arrive with the evaluation, after the table: wait, so the picture shows them.
    await page.getByText('0 项（2021年）').first().waitFor();
    await screenshot(page, 'plan-indicators-desktop');
    // No console error also means the content security policy let the app run.
    expect(problems).toEqual([]);
  });

  it('works on a phone-sized screen', async () => {
    const { page, problems } = await openPage(browser, { width: 390, height: 844 });
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    await page.getByRole('button', { name: '打开导航' }).click();
    await page.getByRole('link', { name: '建设方案' }).click();
    await page.getByTestId('task').first().waitFor();
    await page.getByRole('heading', { name: '句容市争创省创新型示范市建设方案' }).waitFor();
    await expect(page.getByTestId('task').count()).resolves.toBe(19);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'plan-phone');
    expect(problems).toEqual([]);
  });
});
