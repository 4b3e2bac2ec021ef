import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { jurongPlanId, workbookBuffer } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';

// Issue 16, item 1: work that takes seconds (an export, a bulletin's PDF, a ledger import) shows it
// is under way: the button spins and takes no second click, an import shows its progress. The
// server is held back by intercepting the request, so "slow" is decided by the test, not by luck.
describe('feedback while an export or an import runs', () => {
  let server: RunningServer;
  let browser: Browser;
  let planId: string;
  let reporter: string;

  /** Holds every request matching `pattern` until `release` is called; counts them. */
  async function hold(page: Page, pattern: string) {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen = { count: 0 };
    await page.route(pattern, async (route: Route) => {
      seen.count += 1;
      await gate;
      await route.continue();
    });
    return { release, seen };
  }

  const ledgerPage = async () => {
    const watched = await openPage(browser, undefined, [/net::ERR_ABORTED/]);
    await signIn(watched.page, server.url, reporter, TEST_PASSWORD);
    await watched.page.getByRole('button', { name: '账号菜单' }).waitFor();
    await watched.page.goto(`${server.url}/plans/${planId}/ledgers/high-tech-enterprises`);
    await watched.page.getByRole('button', { name: '新增记录' }).waitFor();
    return watched;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    planId = await jurongPlanId(server.db);
    reporter = (await createUser(server.db, { roles: ['reporter'], units: ['市科技局'], displayName: '科技局填报员' }))
      .username;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('spins and disables 导出 until the Excel file has arrived, and takes no second click meanwhile', async () => {
    const { page, problems } = await ledgerPage();
    const { release, seen } = await hold(page, '**/ledgers/high-tech-enterprises/export.xlsx');
    const exportButton = page.getByRole('button', { name: /导\s*出/ });
    await exportButton.click();
    await expect.poll(() => exportButton.isDisabled()).toBe(true);
    await expect(exportButton.getAttribute('class')).resolves.toContain('ant-btn-loading');
    await expect(exportButton.getAttribute('aria-busy')).resolves.toBe('true');
    await exportButton.click({ force: true });
    await screenshot(page, 'ledger-export-busy');
    const download = page.waitForEvent('download');
    release();
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    await expect.poll(() => exportButton.isDisabled()).toBe(false);
    await expect(exportButton.getAttribute('class')).resolves.not.toContain('ant-btn-loading');
    // The click on the busy button asked for nothing more.
    expect(seen.count).toBe(1);
    expect(problems).toEqual([]);
  });

  it('shows a ledger import’s progress until the server has written the rows', async () => {
    const { page, problems } = await ledgerPage();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-long-')), '高企台账.xlsx');
    fs.writeFileSync(
      file,
      await workbookBuffer(
        ['证书编号', '企业名称', '发证日期'],
        [
          ['GR202532000301', '句容进度条科技有限公司', '2025-03-01'],
          ['GR202532000302', '句容慢导入材料有限公司', '2025-04-01'],
        ],
      ),
    );
    const { release } = await hold(page, '**/ledgers/high-tech-enterprises/import*');
    await page.locator('input[type=file]').setInputFiles(file);
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await page.getByRole('dialog', { name: '正在导入「高企台账.xlsx」' }).waitFor();
    await expect(progress.getByRole('progressbar').count()).resolves.toBe(1);
    await expect(progress.textContent()).resolves.toMatch(/已用 \d+ 秒/);
    await expect(page.getByRole('button', { name: /导入 Excel/ }).isDisabled()).resolves.toBe(true);
    await page.waitForTimeout(500); // the dialog's opening animation
    await screenshot(page, 'ledger-import-progress');
    release();
    await page.getByText('「高企台账.xlsx」已导入，共 2 行。').waitFor();
    await progress.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
  });
});
