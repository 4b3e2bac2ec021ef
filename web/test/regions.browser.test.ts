import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { loadPlanPack } from '../../server/src/modules/plans/plan-pack.service.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, httpError, quiet } from './page-helpers.ts';
import { secondCountyPack } from '../../server/src/test/second-county.ts';

// Issue 12: one deployment, two counties of 镇江市. County B's office sees only its own plans in the
// header's switcher and is refused county A's pages; the 省级查看 sees both and writes nothing.

const JURONG_TITLE = '句容市争创省创新型示范市建设方案';
const DANYANG_TITLE = '丹阳市创新型示范市建设方案（示例）';

describe('many counties on one platform, in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let jurongId: string;
  let danyangId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const loaded = await loadPlanPack(server.db, secondCountyPack('danyang-demo', DANYANG_TITLE), {
      actor: null,
      requestId: null,
      ip: null,
      now: new Date().toISOString(),
    });
    danyangId = loaded.planId;
    jurongId = (
      await server.db.selectFrom('plans').select('id').where('code', '=', 'jurong-2022-79').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The switcher's options, as the user sees them when opening it. */
  async function switcherOptions(page: Page): Promise<string[]> {
    await page.getByRole('combobox', { name: '切换方案' }).click();
    await page.locator('.ant-select-item-option').first().waitFor();
    return page.locator('.ant-select-item-option, .ant-select-item-group').allInnerTexts();
  }

  it('shows the office of 丹阳市 only its own county in the switcher, and refuses Jurong’s pages', async () => {
    const office = await createUser(server.db, { roles: ['office'], region: '丹阳市', displayName: '丹阳办公室' });
    const { page, problems } = await openPage(browser, undefined, httpError(403, new RegExp(`/api/plans/${jurongId}`)));
    await signIn(page, server.url, office.username, TEST_PASSWORD);
    await page.getByRole('combobox', { name: '切换方案' }).waitFor();
    await quiet(page);
    const options = await switcherOptions(page);
    expect(options.join('|')).toContain(DANYANG_TITLE);
    expect(options.join('|')).not.toContain(JURONG_TITLE);
    expect(options).toContain('丹阳市');
    await screenshot(page, 'regions-switcher-danyang-office');
    await page.keyboard.press('Escape');
    expect(page.url()).toContain(`/plans/${danyangId}/`);

    const refused: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes(`/api/plans/${jurongId}`)) refused.push(r.status());
    });
    await page.goto(`${server.url}/plans/${jurongId}`);
    await quiet(page);
    expect(await page.getByText(JURONG_TITLE).count()).toBe(0);
    await screenshot(page, 'regions-jurong-refused');
    expect(problems).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((s) => s === 403)).toBe(true);
  });

  it('lets the 省级查看 of 江苏省 switch between both counties and refuses every write it tries', async () => {
    const viewer = await createUser(server.db, {
      roles: ['province_viewer'],
      region: '江苏省',
      displayName: '省级查看',
    });
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, viewer.username, TEST_PASSWORD);
    await page.getByRole('combobox', { name: '切换方案' }).waitFor();
    await quiet(page);
    const options = await switcherOptions(page);
    expect(options).toEqual(expect.arrayContaining(['句容市', '丹阳市']));
    await page.locator('.ant-select-item-option', { hasText: DANYANG_TITLE }).click();
    await page.waitForURL(new RegExp(danyangId));
    await quiet(page);
    await screenshot(page, 'regions-province-viewer');
    expect(problems).toEqual([]);

    const call = await apiSession(server.url, viewer.username, TEST_PASSWORD);
    const before = await server.db.selectFrom('indicators').selectAll().orderBy('id').execute();
    const writes: [string, string, unknown?][] = [
      ['PUT', `/api/plans/${danyangId}/indicators/high-tech-enterprises/baseline`, { value: 1, year: 2021 }],
      ['POST', `/api/plans/${jurongId}/archive`],
      ['POST', `/api/plans/${danyangId}/withdraw`],
      ['POST', '/api/regions', { name: '常州市', level: 'city' }],
      ['POST', '/api/rounds', { planId: danyangId, periodId: '2031Q1', cutoffDate: '2031-04-25' }],
    ];
    for (const [method, url, body] of writes)
      expect((await call(method, url, body)).status, `${method} ${url}`).toBe(403);
    expect(await server.db.selectFrom('indicators').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await server.db.selectFrom('reporting_rounds').select('id').execute()).toEqual([]);
  });
});
