import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { assessmentMatrixFixtures } from '../../server/src/modules/assessment/assessment-test-kit.ts';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { launchBrowser, openPage, SCREENSHOT_DIR, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, quiet } from './page-helpers.ts';

/** Clicks a button that downloads a file and reads the workbook as Excel would. */
async function downloadWorkbook(page: Page, buttonName: RegExp) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  return { wb, name: download.suggestedFilename() };
}

// The office exports a round's progress, the indicator list and published scores from the screens
// where it reads them, and prints the cockpit: the printout holds the page, not the menus.
describe('Excel exports and print layouts in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let roundId: string;
  let planId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const office = await createUser(server.db, { roles: ['office'], units: [] });
    planId = (await server.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    const st = (
      await server.db.selectFrom('units').select('id').where('name', '=', '市科技局').executeTakeFirstOrThrow()
    ).id;
    const asOffice = await apiSession(server.url, office.username, TEST_PASSWORD);
    const round = await asOffice('POST', '/api/rounds', { planId, periodId: '2025Q3', cutoffDate: '2025-09-25' });
    roundId = ((await round.json()) as { id: string }).id;
    await assessmentMatrixFixtures(server.db, st, planId);
    ({ page, problems } = await openPage(browser));
    await signIn(page, server.url, office.username, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("downloads a round's progress by unit from the round page", async () => {
    await quiet(page); // the home page has loaded: leaving it aborts nothing
    await page.goto(`${server.url}/rounds/${roundId}`);
    await page.getByRole('heading', { name: '2025年第三季度填报情况' }).waitFor();
    const { wb, name } = await downloadWorkbook(page, /导出 Excel/);
    expect(name).toBe('2025年第三季度各单位填报情况.xlsx');
    const sheet = wb.getWorksheet('填报情况')!;
    expect(sheet.getRow(2).getCell(9).value).toBe('完整率');
    expect(sheet.rowCount).toBeGreaterThan(3);
  });

  it('downloads the indicator list from the cockpit, and prints the cockpit without menus or buttons', async () => {
    await page.goto(`${server.url}/plans/${planId}/cockpit`);
    await page.getByRole('button', { name: /导出指标/ }).waitFor();
    await quiet(page);
    const { wb } = await downloadWorkbook(page, /导出指标/);
    const sheet = wb.getWorksheet('指标监测')!;
    expect(String(sheet.getCell(1, 1).value)).toMatch(/^指标监测情况（数据截至\d{4}年\d{1,2}月\d{1,2}日）/);
    const indicators = await server.db.selectFrom('indicators').select('id').where('plan_id', '=', planId).execute();
    expect(sheet.rowCount - 3).toBe(indicators.length); // title, header and note rows

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-sider').isVisible()).toBe(false);
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: /导出指标/ }).isVisible()).toBe(false);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const pdf = path.join(SCREENSHOT_DIR, 'print-cockpit.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('评估日期');
    expect(text).not.toContain('导出指标');
    expect(text).not.toContain('创新型示范市建设管理平台'); // the header's title
    await page.emulateMedia({ media: 'screen' });
  });

  it('downloads published scores with their workings from the assessment page', async () => {
    await quiet(page);
    await page.goto(`${server.url}/assessment`);
    await page.getByRole('tab', { name: '已发布结果' }).click();
    await page.getByRole('radio', { name: '选择矩阵' }).check();
    await page.getByRole('button', { name: /导出结果及计算过程/ }).waitFor();
    const { wb, name } = await downloadWorkbook(page, /导出结果及计算过程/);
    expect(name).toBe('矩阵考核结果.xlsx');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['考核结果', '计算过程']);
    expect(problems).toEqual([]);
  });
});
