import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, overflow, quiet } from './page-helpers.ts';

const PHONE = { width: 390, height: 844 };

// The header's search box finds an enterprise in a ledger and a unit, and opens them.
describe('the search box in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let office: { username: string };
  let reporter: { username: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    office = await createUser(server.db, { roles: ['office'], units: [] });
    reporter = await createUser(server.db, { roles: ['reporter'], units: ['市科技局'] });
    const planId = (await server.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    const kjj = (
      await server.db.selectFrom('units').select('id').where('name', '=', '市科技局').executeTakeFirstOrThrow()
    ).id;
    const asOffice = await apiSession(server.url, office.username, TEST_PASSWORD);
    const row = await asOffice('POST', `/api/plans/${planId}/ledgers/high-tech-enterprises/rows`, {
      unitId: kjj,
      values: { certificateNo: 'GR202332007777', company: '示例光电科技有限公司', certifiedOn: '2023-05-10' },
    });
    expect(row.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds an enterprise from the header and opens its ledger filtered to it', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, office.username, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await quiet(page);
    await page.getByRole('searchbox', { name: '查找' }).fill('光电科技');
    await page.getByRole('searchbox', { name: '查找' }).press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const hit = page.getByRole('link', { name: '示例光电科技有限公司' });
    await hit.waitFor();
    await screenshot(page, 'search-1440');
    await hit.click();
    await page.waitForURL(/\/ledgers\/high-tech-enterprises\?q=/);
    await page.getByRole('cell', { name: '示例光电科技有限公司' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('lets a town reporter search on a phone, without links to pages that are not theirs', async () => {
    const { page, problems } = await openPage(browser, PHONE);
    await signIn(page, server.url, reporter.username, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await quiet(page);
    await page.getByRole('button', { name: '查找' }).click();
    await page.getByRole('searchbox', { name: '查找内容' }).fill('发改委');
    await page.getByRole('searchbox', { name: '查找内容' }).press('Enter');
    const item = page.locator('.ant-list-item', { hasText: '市发改委' });
    await item.waitFor();
    // Another unit's page is not the reporter's: the name shows, without a link.
    expect(await item.getByRole('link').count()).toBe(0);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'search-390');
    expect(problems).toEqual([]);
  });
});
