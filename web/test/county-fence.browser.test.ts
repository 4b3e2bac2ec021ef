import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { loadPlanPack } from '../../server/src/modules/plans/plan-pack.service.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { httpError, quiet } from './page-helpers.ts';
import { secondCountyPack } from '../../server/src/test/second-county.ts';

// Issue 12, the county fence: county B's office (丹阳市) opens county A's (句容市) pages by URL —
// the plan, its cockpit, an indicator, its ledgers, a reporting round — and each shows a clear
// Chinese refusal, never Jurong's content and never a crash.

const JURONG_TITLE = '句容市争创省创新型示范市建设方案';
const DANYANG_TITLE = '丹阳市创新型示范市建设方案（围栏测试）';

describe('the county fence, in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let jurongId: string;
  let indicatorId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    await loadPlanPack(server.db, secondCountyPack('danyang-fence', DANYANG_TITLE), {
      actor: null,
      requestId: null,
      ip: null,
      now: new Date().toISOString(),
    });
    const jurong = await server.db
      .selectFrom('plans')
      .select('id')
      .where('code', '=', 'jurong-2022-79')
      .executeTakeFirstOrThrow();
    jurongId = jurong.id;
    indicatorId = (
      await server.db.selectFrom('indicators').select('id').where('plan_id', '=', jurongId).executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses every page of Jurong’s plan to 丹阳市’s office with a Chinese message, and shows none of it', async () => {
    const office = await createUser(server.db, { roles: ['office'], region: '丹阳市', displayName: '丹阳办公室' });
    const { page, problems } = await openPage(browser, undefined, httpError(403, /\/api\//));
    await signIn(page, server.url, office.username, TEST_PASSWORD);
    await page.getByRole('combobox', { name: '切换方案' }).waitFor();
    await quiet(page);
    await page.getByRole('combobox', { name: '切换方案' }).click();
    await page.locator('.ant-select-item-option').first().waitFor();
    const options = (await page.locator('.ant-select-item-option').allInnerTexts()).join('|');
    expect(options).toContain(DANYANG_TITLE);
    expect(options).not.toContain(JURONG_TITLE);
    await page.keyboard.press('Escape');

    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.url().includes(jurongId) && r.status() !== 403)
        refused.push(`${r.status()} ${r.url()}`);
    });
    for (const [name, url] of [
      ['overview', `/plans/${jurongId}`],
      ['cockpit', `/plans/${jurongId}/cockpit`],
      ['indicator', `/plans/${jurongId}/indicators/${indicatorId}`],
      ['ledgers', `/plans/${jurongId}/ledgers`],
    ]) {
      await page.goto(`${server.url}${url}`);
      await quiet(page);
      const body = () => page.locator('body').innerText();
      await expect.poll(body, { message: `${name} says why in Chinese` }).toMatch(/其他地区|无权|没有权限|不存在/);
      expect(await page.locator('body').innerText(), name).not.toContain(JURONG_TITLE);
      await screenshot(page, `county-fence-${name}`);
    }
    // Every API call naming Jurong's plan was refused by the server, not merely hidden by the page.
    expect(refused).toEqual([]);
    expect(problems).toEqual([]);
  });
});
