import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Round } from '@innocity/shared/api/reporting';
import type { LedgerRow } from '@innocity/shared/api/ledgers';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { jurongPlanId } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { launchBrowser, openPage, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, button } from './page-helpers.ts';
import { pickPeriod } from './period-picker.ts';

// Issue 14, item 7: people type dates as 2025/9/30 or 2025-09-30 as often as they pick them; every
// date field takes both, shows 2025年9月30日, and saves the day typed — checked in two different
// forms (the round dialog and the ledger row drawer) through what the server stored.
describe('date fields take 2025/9/30 and 2025-09-30 typed in', () => {
  let server: RunningServer;
  let browser: Browser;
  let planId: string;
  const users: Record<string, string> = {};

  const as = async (who: string): Promise<{ page: Page; problems: string[] }> => {
    const watched = await openPage(browser, undefined, [/net::ERR_ABORTED/]);
    await signIn(watched.page, server.url, users[who]!, TEST_PASSWORD);
    await watched.page.getByRole('button', { name: '账号菜单' }).waitFor();
    return watched;
  };
  /** Types into a date field as a person would, then leaves it with Enter. */
  const typeDate = async (page: Page | Locator, label: string, text: string) => {
    const input = page.getByLabel(label, { exact: true });
    await input.click();
    await input.fill(text);
    await input.press('Enter');
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    planId = await jurongPlanId(server.db);
    users.office = (await createUser(server.db, { roles: ['office'], displayName: '办公室小王' })).username;
    users.reporter = (
      await createUser(server.db, { roles: ['reporter'], units: ['市科技局'], displayName: '科技局填报员' })
    ).username;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a round whose cut-off was typed as 2025/9/30', async () => {
    const { page, problems } = await as('office');
    await page.goto(`${server.url}/rounds`);
    await button(page, '开启填报').click();
    await pickPeriod(page, '2025年', '第三季度');
    await typeDate(page, '截止日期', '2025/9/30');
    // The field shows the house format once it took the typed text.
    await expect.poll(() => page.getByLabel('截止日期', { exact: true }).inputValue()).toBe('2025年9月30日');
    await page
      .getByRole('dialog', { name: '开启填报' })
      .getByRole('button', { name: /^开\s*启$/ })
      .click();
    await page.getByRole('link', { name: '2025年第三季度' }).waitFor();
    await page.getByText('2025年9月30日 24:00').first().waitFor();
    // Its cut-off has passed: the list says 已截止 and asks the office to close it (issue 14, item 6).
    const row = page.getByRole('row', { name: /2025年第三季度/ });
    await row.getByText('已截止').waitFor();
    await row.getByText('迟报仍可提交，请核对后关闭本轮').waitFor();
    const call = await apiSession(server.url, users.office!, TEST_PASSWORD);
    const { items } = (await (await call('GET', `/api/rounds?planId=${planId}`)).json()) as { items: Round[] };
    expect(items.map((r) => [r.periodId, r.cutoffAt])).toEqual([['2025Q3', '2025-09-30T16:00:00.000Z']]);
    expect(problems).toEqual([]);
  });

  it('saves a ledger row whose dates were typed as 2025/9/30 and 2028-09-29', async () => {
    const { page, problems } = await as('reporter');
    await page.goto(`${server.url}/plans/${planId}/ledgers/high-tech-enterprises`);
    await button(page, '新增记录').click();
    const drawer = page.getByRole('dialog', { name: '新增高新技术企业记录' });
    await drawer.getByLabel('证书编号').fill('GR202532009999');
    await drawer.getByLabel('企业名称').fill('句容手输日期科技有限公司');
    await typeDate(drawer, '发证日期', '2025/9/30');
    await typeDate(drawer, '有效期至', '2028-09-29');
    await expect.poll(() => drawer.getByLabel('发证日期', { exact: true }).inputValue()).toBe('2025年9月30日');
    await expect.poll(() => drawer.getByLabel('有效期至', { exact: true }).inputValue()).toBe('2028年9月29日');
    await button(drawer, '保存').click();
    await page.getByText('已新增记录').waitFor();
    const call = await apiSession(server.url, users.reporter!, TEST_PASSWORD);
    const res = await call('GET', `/api/plans/${planId}/ledgers/high-tech-enterprises/rows`);
    const { items } = (await res.json()) as { items: LedgerRow[] };
    expect(items.map((r) => [r.values.certifiedOn, r.values.expiresOn])).toEqual([['2025-09-30', '2028-09-29']]);
    expect(problems).toEqual([]);
  });

  it('filters the ledger on a 有效日期 typed as 2025-09-30', async () => {
    const { page, problems } = await as('reporter');
    await page.goto(`${server.url}/plans/${planId}/ledgers/high-tech-enterprises`);
    await page.getByRole('button', { name: '新增记录' }).waitFor();
    await typeDate(page, '有效日期', '2025-09-30');
    await expect.poll(() => new URL(page.url()).searchParams.get('validOn')).toBe('2025-09-30');
    await expect.poll(() => page.getByLabel('有效日期', { exact: true }).inputValue()).toBe('2025年9月30日');
    expect(problems).toEqual([]);
  });
});
