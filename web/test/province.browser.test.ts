import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { findUserByUsername, loadActor } from '../../server/src/modules/users/user.repo.ts';
import { seedCounty, type SeededCounty } from '../../server/src/demo/demo-counties.ts';
import { DEMO_COUNTIES } from '../../server/src/demo/plans/county-plans.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, quiet } from './page-helpers.ts';

// Issue 12, item 7: the 省级查看 of 江苏省 compares the counties (two demo counties loaded through
// the importer, as `npm run demo` loads them, beside Jurong), opens one county's cockpit, and is
// refused every write: no write button on the pages it reads, and 403 from the API.

describe('省级视图 in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let viewer: string;
  const counties: SeededCounty[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await loadActor(server.db, (await findUserByUsername(server.db, 'admin'))!);
    for (const [i, county] of DEMO_COUNTIES.filter((c) => ['丹阳市', '溧阳市'].includes(c.region)).entries())
      counties.push(await seedCounty(server.db, admin, county, { seed: 11 + i, log: () => undefined }));
    viewer = (await createUser(server.db, { roles: ['province_viewer'], region: '江苏省', displayName: '省科技厅' }))
      .username;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('compares the counties, opens one county’s cockpit read-only, and is refused every write', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, viewer, TEST_PASSWORD);
    await page.getByRole('link', { name: '省级视图' }).click();
    await page.getByRole('heading', { name: /省级视图/ }).waitFor();
    await quiet(page);

    // Every county of the province, its plan and lights; the comparable indicators ranked.
    const overview = page.locator('.ant-card', { hasText: '各县（市、区）概况' });
    for (const name of ['句容市', '丹阳市', '溧阳市']) await overview.getByRole('link', { name }).first().waitFor();
    const table = page.locator('.ant-card', { hasText: '可比指标对比' });
    await table.getByRole('columnheader', { name: /高新技术企业数（家）/ }).waitFor();
    expect(await table.getByText('第 1 名').count()).toBeGreaterThan(0);
    // The charts' code arrives after the table (use-echart.ts): wait for the first drawn chart.
    await page.locator('.province-chart canvas').first().waitFor();
    await screenshot(page, 'province-overview');

    // The as-of date travels in the URL, as on the cockpit.
    await page.goto(`${server.url}/province?asOf=2024-06-30`);
    await page.getByText('（历史视图）').waitFor();
    await quiet(page);

    // Drill into 丹阳市's cockpit, then its plan page: nothing to edit.
    const danyang = counties.find((c) => c.region === '丹阳市')!;
    await overview.getByRole('link', { name: '丹阳市' }).first().click();
    await page.waitForURL(new RegExp(`/plans/${danyang.planId}/cockpit\\?asOf=2024-06-30`));
    await page.getByText('丹阳市创建省创新型示范市实施方案（2023—2025年）').first().waitFor();
    await quiet(page);
    await screenshot(page, 'province-county-cockpit');
    const writes = /编辑|保存|修改|设定|调整|分解|撤回|归档|确认|新建|删除|导入/;
    expect(await page.getByRole('button', { name: writes }).count()).toBe(0);
    await page.goto(`${server.url}/plans/${danyang.planId}`);
    await page.getByRole('tab', { name: /重点任务/ }).waitFor();
    await quiet(page);
    expect(await page.getByRole('tab', { name: '发文设置' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: writes }).count()).toBe(0);
    expect(problems).toEqual([]);

    // A direct API write is refused, and nothing changes.
    const call = await apiSession(server.url, viewer, TEST_PASSWORD);
    const indicator = await server.db
      .selectFrom('indicators')
      .select(['id', 'code'])
      .where('plan_id', '=', danyang.planId)
      .executeTakeFirstOrThrow();
    const before = await server.db.selectFrom('indicators').selectAll().orderBy('id').execute();
    const links = await server.db.selectFrom('indicator_catalogue_links').selectAll().orderBy('indicator_id').execute();
    const p = danyang.planId;
    const attempts: [string, string, unknown?][] = [
      ['PUT', `/api/plans/${p}/indicators/${indicator.code}/baseline`, { value: 1, year: 2022 }],
      ['PUT', `/api/plans/${p}/indicators/${indicator.id}/catalogue-code`, { catalogueCode: null }],
      [
        'POST',
        `/api/plans/${p}/data-element-values`,
        { items: [{ element: `${indicator.code}-value`, period: '2024', value: 1, source: '省' }] },
      ],
      ['POST', '/api/rounds', { planId: p, periodId: '2031Q1', cutoffDate: '2031-04-25' }],
      ['POST', `/api/plans/${p}/bulletins`, { periodId: '2024', asOf: '2024-12-31' }],
      ['POST', `/api/plans/${p}/archive`],
    ];
    for (const [method, url, body] of attempts)
      expect((await call(method, url, body)).status, `${method} ${url}`).toBe(403);
    expect(await server.db.selectFrom('indicators').selectAll().orderBy('id').execute()).toEqual(before);
    expect(
      await server.db.selectFrom('indicator_catalogue_links').selectAll().orderBy('indicator_id').execute(),
    ).toEqual(links);
    expect(await server.db.selectFrom('reporting_rounds').select('id').execute()).toEqual([]);
    expect(await server.db.selectFrom('bulletins').select('id').execute()).toEqual([]);
  });
});
