import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { createLedgerRow } from '../../server/src/modules/ledgers/ledger-row.service.ts';
import { actorWith, at, jurongPlanId, unitId } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';

// Issue 17, goal 5: ECharts and the day picker download after the page shows. These tests hold
// that code back on the network and check what a user sees meanwhile (the figures, a chart box of
// the same size saying 图表加载中, a date field showing its date), then that the chart is drawn and
// the picker works once it arrives. Were the code loaded with the page again, the page would wait
// for the held file and nothing below would show.

/** Holds every request for a chunk matching `file` until the returned function is called. */
async function hold(page: Page, file: RegExp): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(file, async (route) => {
    await held;
    // The page may have moved on meanwhile, cancelling the request: nothing left to continue then.
    await route.continue().catch(() => undefined);
  });
  return release;
}

const ECHARTS = /\/assets\/echarts-setup-[\w-]+\.js$/;
const PICKER = /\/assets\/DateInput-[\w-]+\.js$/;
const afterContent = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el, '::after').content);

describe('pages render before the code they load later', () => {
  let server: RunningServer;
  let browser: Browser;
  let leader: string;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    leader = (await createUser(server.db, { roles: ['leader'], displayName: '李市长' })).username;
    // Certificates over two years, so the high-tech indicator has a series and its card a sparkline.
    const office = await actorWith(server.db, ['office']);
    const planId = await jurongPlanId(server.db);
    const kjj = await unitId(server.db, '市科技局');
    for (const [no, company, on] of [
      ['GR202432000101', '句容华阳智能装备有限公司', '2024-11-20'],
      ['GR202532000102', '江苏茅山新材料科技有限公司', '2025-10-15'],
    ] as const)
      await createLedgerRow(
        server.db,
        office,
        planId,
        'high-tech-enterprises',
        { unitId: kjj, values: { certificateNo: no, company, certifiedOn: on } },
        at('2026-01-10T02:00:00.000Z', office),
      );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the cockpit figures while ECharts is on its way, then draws every sparkline', async () => {
    const { page, problems } = await openPage(browser);
    const releaseCharts = await hold(page, ECHARTS);
    const releasePicker = await hold(page, PICKER);
    await signIn(page, server.url, leader, TEST_PASSWORD);
    await page.waitForURL(/\/plans\/[^/]+\/cockpit$/);
    const cards = page.getByTestId('cockpit-indicator');
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(24);
    await expect(page.locator('.indicator-card-target').first().textContent()).resolves.toMatch(/\d/);

    // Each sparkline keeps its box (100 × 36 px, cockpit.css) and says it is busy; nothing is drawn yet.
    const sparks = page.locator('.sparkline');
    const count = await sparks.count();
    expect(count).toBeGreaterThan(0);
    await expect(page.locator('.sparkline[aria-busy="true"]').count()).resolves.toBe(count);
    await expect(page.locator('canvas').count()).resolves.toBe(0);
    const box = await sparks.first().boundingBox();
    expect([box?.width, box?.height]).toEqual([100, 36]);

    // The 评估日期 field is there, read-only, saying 今天, until its picker arrives.
    const asOf = page.getByLabel('评估日期');
    await expect(asOf.getAttribute('readonly')).resolves.not.toBeNull();
    await expect(asOf.getAttribute('placeholder')).resolves.toBe('今天');

    await screenshot(page, 'cockpit-charts-loading');

    releaseCharts();
    await page.locator('.sparkline canvas').first().waitFor();
    await expect.poll(() => page.locator('.sparkline[aria-busy="true"]').count()).toBe(0);
    await expect(page.locator('.sparkline canvas').count()).resolves.toBe(count);

    // Once the picker has arrived the field takes a typed date, as before.
    releasePicker();
    await asOf.fill('2024-06-30');
    await asOf.press('Enter');
    await page.waitForURL(/\?asOf=2024-06-30$/);
    await page.getByText('评估日期 2024年6月30日').waitFor();
    expect(problems).toEqual([]);
  });

  it('shows an indicator’s figures and an accessible chart placeholder before its chart', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, leader, TEST_PASSWORD);
    const card = page.getByTestId('cockpit-indicator').filter({ hasText: '有效期内高新技术企业' });
    await card.waitFor();
    const href = await card.getAttribute('href');
    await page.locator('.sparkline canvas').first().waitFor();
    // A fresh load of the indicator page (routing turns the HTTP cache off): ECharts is asked for again.
    const release = await hold(page, ECHARTS);
    await page.goto(`${server.url}${href}`);
    await page.getByText('进度判断依据').waitFor();
    await page.getByText('当前值').waitFor();
    await page.getByTestId('workings').getByText('判断公式').waitFor();

    const chart = page.getByRole('img', { name: /的实际值、分年度目标与目标线$/ });
    await expect(chart.getAttribute('aria-busy')).resolves.toBe('true');
    await expect(afterContent(page, '.indicator-chart')).resolves.toBe('"图表加载中…"');
    await expect(chart.boundingBox().then((b) => b?.height)).resolves.toBe(340);

    await screenshot(page, 'indicator-chart-loading');

    release();
    await page.locator('.indicator-chart canvas').waitFor();
    await expect(chart.getAttribute('aria-busy')).resolves.toBe('false');
    expect(problems).toEqual([]);
  });
});
