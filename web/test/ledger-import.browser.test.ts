import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { actorWith, jurongPlanId, workbookBuffer } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { button, overflow, quiet } from './page-helpers.ts';

// A clerk imports a ledger file with one bad row: with 只导入有效行 the good rows go in, the bad
// one comes back as a workbook with its 原因; the ledger index then shows the new count, on cards
// of one width at a desk and on a phone.
const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('ledger import of the valid rows', () => {
  let server: RunningServer;
  let browser: Browser;
  let planId: string;
  let clerk: { username: string; password: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    planId = await jurongPlanId(server.db);
    clerk = await actorWith(server.db, ['reporter'], ['市科技局']);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports the good rows, hands back the bad one with its reason, and counts the rows on the index', async () => {
    const { page, problems } = await openPage(browser, DESK, [/net::ERR_ABORTED/]);
    await signIn(page, server.url, clerk.username, clerk.password);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await page.goto(`${server.url}/plans/${planId}/ledgers/high-tech-enterprises`);
    await page.getByRole('checkbox', { name: '只导入有效行' }).check();
    const file = await workbookBuffer(
      ['证书编号', '企业名称', '发证日期'],
      [
        ['GR-UI-1', '句容浏览器一号有限公司', new Date('2023-05-10T00:00:00Z')],
        ['GR-UI-2', '', new Date('2023-05-11T00:00:00Z')],
        ['GR-UI-3', '句容浏览器三号有限公司', new Date('2023-05-12T00:00:00Z')],
      ],
    );
    await page.locator('input[type=file]').setInputFiles({
      name: '高企台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    const dialog = page.getByRole('dialog', { name: '部分导入完成' });
    await dialog.getByText('已导入有效的 2 行，1 行有错误未导入').waitFor();
    expect(await dialog.innerText()).toMatch(/新增\s+2\s*条[\s\S]*未导入\s+1\s*条/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: /下载未导入的行/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('高新技术企业-未导入行.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect([ws.getCell('A1').value, ws.getCell('D1').value]).toEqual(['证书编号', '原因']);
    expect(ws.getCell('A2').value).toBe('GR-UI-2');
    expect(ws.getCell('D2').value).toBe('B 列：企业名称：必填项为空');
    expect(ws.rowCount).toBe(2);
    await screenshot(page, 'ledger-import-refused-1440');
    await button(dialog, '知道了').click();

    for (const [viewport, name] of [
      [DESK, 'ledger-index-1440'],
      [PHONE, 'ledger-index-390'],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto(`${server.url}/plans/${planId}/ledgers`);
      await expect(page.getByTestId('ledger-count-high-tech-enterprises').innerText()).resolves.toMatch(/^2\s*条$/);
      await expect(page.getByTestId('ledger-count-incubators').innerText()).resolves.toMatch(/^0\s*条$/);
      const widths = await page
        .locator('.ledger-type-link')
        .evaluateAll((links) => links.map((l) => Math.round(l.getBoundingClientRect().width)));
      expect(widths.length).toBeGreaterThan(3);
      expect(new Set(widths).size).toBe(1);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await quiet(page);
      await screenshot(page, name);
    }
    // On a phone the toolbar wraps; the option stays next to the import button.
    await page.goto(`${server.url}/plans/${planId}/ledgers/high-tech-enterprises`);
    await page.getByRole('checkbox', { name: '只导入有效行' }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await quiet(page);
    await screenshot(page, 'ledger-toolbar-390');
    expect(problems).toEqual([]);
  });
});
