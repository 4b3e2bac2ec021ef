import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { createLedgerRow } from '../../server/src/modules/ledgers/ledger-row.service.ts';
import {
  actorWith,
  at,
  jurongPlanId,
  unitId,
  workbookBuffer,
} from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, quiet } from './page-helpers.ts';

const HTE = '有效期内高新技术企业';

describe('the cockpit, an indicator and its ledger rows in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let leader: string;
  let office: string;
  let planId: string;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    leader = (await createUser(server.db, { roles: ['leader'], displayName: '李市长' })).username;
    const officeActor = await actorWith(server.db, ['office']);
    office = officeActor.username;
    planId = await jurongPlanId(server.db);
    const kjj = await unitId(server.db, '市科技局');
    // Three certificates still valid today, so the high-tech indicator counts three ledger rows.
    for (const [no, company, on] of [
      ['GR202432000101', '句容华阳智能装备有限公司', '2024-11-20'],
      ['GR202532000102', '江苏茅山新材料科技有限公司', '2025-10-15'],
      ['GR202532000103', '句容宝华生物医药有限公司', '2025-12-05'],
    ] as const)
      await createLedgerRow(
        server.db,
        officeActor,
        planId,
        'high-tech-enterprises',
        { unitId: kjj, values: { certificateNo: no, company, certifiedOn: on } },
        at('2026-01-10T02:00:00.000Z', officeActor),
      );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('takes a leader from the cockpit to an indicator and on to the ledger rows behind it', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, leader, TEST_PASSWORD);
    await page.waitForURL(/\/plans\/[^/]+\/cockpit$/);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    const cards = page.getByTestId('cockpit-indicator');
    await expect(cards.count()).resolves.toBe(24);
    const lights = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-light')));
    expect(lights.every((l) => ['green', 'yellow', 'red', 'grey'].includes(l ?? ''))).toBe(true);
    await expect(page.getByText('指标红黄绿灯').isVisible()).resolves.toBe(true);
    await page.locator('.sparkline canvas').first().waitFor();
    await screenshot(page, 'cockpit-desktop');
    await cards.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'cockpit-indicators-desktop');

    await cards.filter({ hasText: HTE }).click();
    await page.getByRole('heading', { name: HTE }).waitFor();
    await page.locator('.indicator-chart canvas').waitFor();
    await expect(page.getByTestId('workings').getByText('判断公式').isVisible()).resolves.toBe(true);
    await screenshot(page, 'indicator-detail-desktop');

    // Click 2: the rows the indicator counted, in a drawer over it; from there the ledger itself.
    await page.getByRole('button', { name: /查看计入的 3 条台账记录/ }).click();
    await page.getByTestId('counted-rows').getByText('句容宝华生物医药有限公司').waitFor();
    await expect.poll(() => page.getByTestId('counted-rows').locator('tbody tr.ant-table-row').count()).toBe(3);
    await page.waitForTimeout(500); // the drawer's opening animation
    await screenshot(page, 'counted-rows-desktop');
    await page.getByRole('link', { name: '在台账中查看' }).click();
    await page.getByRole('heading', { name: '高新技术企业' }).waitFor();
    // The drawer's own rows leave with the indicator page; then the ledger's rows arrive.
    await expect.poll(() => page.getByTestId('counted-rows').count()).toBe(0);
    await page.getByText('句容宝华生物医药有限公司').waitFor();
    await expect.poll(() => page.locator('tbody tr[data-row-key]').count()).toBe(3);
    expect(new URL(page.url()).searchParams.get('validOn')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A leader reads; only writers get 新增 and 导入.
    await expect(page.getByRole('button', { name: '新增记录' }).count()).resolves.toBe(0);
    await screenshot(page, 'ledger-rows-desktop');
    expect(problems).toEqual([]);
  });

  it('re-renders the cockpit as of an earlier date kept in the address', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, leader, TEST_PASSWORD);
    await page.waitForURL(/\/cockpit$/);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    await page.goto(`${page.url()}?asOf=2024-06-30`);
    await page.getByText('评估日期 2024年6月30日').waitFor();
    await expect(page.getByTestId('cockpit-indicator').count()).resolves.toBe(24);
    expect(problems).toEqual([]);
  });

  it('fits the cockpit on a phone', async () => {
    const { page, problems } = await openPage(browser, { width: 390, height: 844 });
    await signIn(page, server.url, leader, TEST_PASSWORD);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'cockpit-phone');
    await page.getByTestId('cockpit-indicator').filter({ hasText: HTE }).click();
    await page.locator('.indicator-chart canvas').waitFor();
    await expect(
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).resolves.toBeLessThanOrEqual(0);
    await screenshot(page, 'indicator-detail-phone');
    await page.getByRole('button', { name: /查看计入的 3 条台账记录/ }).click();
    await page.getByTestId('counted-rows').getByText('句容宝华生物医药有限公司').waitFor();
    await page.waitForTimeout(500); // the drawer's opening animation
    await screenshot(page, 'counted-rows-phone');
    await page.getByRole('link', { name: '在台账中查看' }).click();
    await expect.poll(() => page.getByTestId('counted-rows').count()).toBe(0);
    await page.getByText('句容宝华生物医药有限公司').waitFor();
    await expect(
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).resolves.toBeLessThanOrEqual(0);
    await screenshot(page, 'ledger-rows-phone');
    expect(problems).toEqual([]);
  });

  it('shows the latest published bulletin, and assessment scores beside timeliness as of a date', async () => {
    const asOffice = await apiSession(server.url, office, TEST_PASSWORD);
    const draft = (await (
      await asOffice('POST', `/api/plans/${planId}/bulletins`, { periodId: '2025Q3', asOf: '2025-10-10' })
    ).json()) as { id: string; version: number };
    const published = await asOffice('POST', `/api/bulletins/${draft.id}/publish`, { version: draft.version });
    expect(published.status).toBe(200);
    const scheme = await asOffice('POST', `/api/plans/${planId}/assessment/schemes`, { year: 2025 });
    expect(scheme.status).toBe(200);

    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, leader, TEST_PASSWORD);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    const bulletin = page.getByTestId('latest-bulletin');
    await bulletin.getByText(/第\d+期/).waitFor();
    await expect(bulletin.getByRole('link', { name: /打开通报/ }).count()).resolves.toBe(1);
    await screenshot(page, 'cockpit-bulletin');
    // As of a day in 2025 the bulletin (published today) was not out yet; the 2025 scheme is scored live as of that day.
    await quiet(page);
    await page.goto(`${server.url}/plans/${planId}/cockpit?asOf=2025-10-15`);
    await page.getByText('评估日期 2025年10月15日').waitFor();
    await bulletin.getByText('该日期前尚未印发情况通报').waitFor();
    const ranking = page.getByTestId('unit-ranking');
    await ranking.getByText('得分来源：2025年度实时评分').waitFor();
    // Scored on too little of the weight (here: the indicator item alone), a unit shows its score
    // and 不参与排名 rather than a rank.
    await expect(ranking.getByText(/分 · (\S*第\d+名|不参与排名)/).count()).resolves.toBeGreaterThan(0);
    await ranking.scrollIntoViewIfNeeded();
    await screenshot(page, 'cockpit-ranking-scores');
    expect(problems).toEqual([]);
  });

  it('shows a unit reporter the cockpit without asking for scores only the board may read', async () => {
    const reporter = (await createUser(server.db, { roles: ['reporter'], units: ['市科技局'], displayName: '王填报' }))
      .username;
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, reporter, TEST_PASSWORD);
    await quiet(page);
    await page.goto(`${server.url}/plans/${planId}/cockpit?asOf=2025-10-15`);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    // The 2025 scheme exists, but its live scores are the board's: no request for them, no score shown.
    await expect(
      page
        .getByTestId('unit-ranking')
        .getByText(/得分来源/)
        .count(),
    ).resolves.toBe(0);
    await quiet(page);
    expect(problems).toEqual([]);
  });

  it('rejects a bad ledger file as a whole and lists each bad cell by row and column', async () => {
    const refused = [/HTTP 400: POST .*\/import/, /status of 400/];
    const { page, problems } = await openPage(browser, undefined, refused);
    await signIn(page, server.url, office, TEST_PASSWORD);
    await page.getByTestId('cockpit-indicator').first().waitFor();
    await page.goto(`${server.url}/plans/${planId}/ledgers/high-tech-enterprises`);
    await page.getByText('句容华阳智能装备有限公司').waitFor();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'innocity-cockpit-')), '高企台账-有错.xlsx');
    fs.writeFileSync(
      file,
      await workbookBuffer(
        ['证书编号', '企业名称', '发证日期', '有效期至'],
        [
          ['GR202532000201', '句容天王电子有限公司', '2025-03-01', ''],
          ['GR202532000202', '', '2025-03-02', ''],
          ['GR202532000203', '句容郭庄机械有限公司', '去年三月', ''],
        ],
      ),
    );
    await page.locator('input[type=file]').setInputFiles(file);
    const report = page.getByTestId('import-errors');
    await report
      .getByText(/未写入任何数据/)
      .first()
      .waitFor();
    await expect(report.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(report.getByText('第 3 行').first().isVisible()).resolves.toBe(true);
    await page.waitForTimeout(500); // the dialog's opening animation
    await screenshot(page, 'ledger-import-errors');
    await page.getByRole('button', { name: '知道了' }).click();
    // Nothing of the file was written.
    await expect(page.locator('.cockpit-card tbody tr[data-row-key]').count()).resolves.toBe(3);
    expect(problems).toEqual([]);
  });
});
