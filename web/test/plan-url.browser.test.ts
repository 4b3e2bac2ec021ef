import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { loadPlanPack } from '../../server/src/modules/plans/plan-pack.service.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, quiet } from './page-helpers.ts';
import { secondCountyPack } from '../../server/src/test/second-county.ts';

// Issue 12: "every URL carries the plan". A county with two plans (its last one and the next): the
// office switches to one, and every address it reaches names that plan, so a copied address opens
// the same plan elsewhere; a page of one round follows the round's plan; another county's plan in
// the address is refused, not replaced by the user's own.

const FIRST = '丹阳市创新型示范市建设方案（上一轮）';
const NEXT = '丹阳市创新型示范市建设方案（下一轮）';
const context = { actor: null, requestId: null, ip: null, now: new Date().toISOString() };

describe('the plan in every address', () => {
  let server: RunningServer;
  let browser: Browser;
  let firstId: string;
  let nextId: string;
  let jurongId: string;
  let firstRoundId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    firstId = (await loadPlanPack(server.db, secondCountyPack('danyang-first', FIRST), context)).planId;
    nextId = (await loadPlanPack(server.db, secondCountyPack('danyang-next', NEXT), context)).planId;
    jurongId = (
      await server.db.selectFrom('plans').select('id').where('code', '=', 'jurong-2022-79').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const planIn = (page: Page) => {
    const url = new URL(page.url());
    return /^\/plans\/([^/]+)/.exec(url.pathname)?.[1] ?? url.searchParams.get('plan');
  };
  const switcherText = (page: Page) => page.locator('.plan-switcher').innerText();

  it(
    'keeps the chosen plan in every address the office reaches, and in a copied address',
    { timeout: 120_000 },
    async () => {
      const office = await createUser(server.db, { roles: ['office'], region: '丹阳市', displayName: '丹阳办公室' });
      const call = await apiSession(server.url, office.username, TEST_PASSWORD);
      const round = await call('POST', '/api/rounds', {
        planId: firstId,
        periodId: '2025Q3',
        cutoffDate: '2025-10-25',
      });
      expect(round.status).toBe(201);
      firstRoundId = ((await round.json()) as { id: string }).id;

      const { page, problems } = await openPage(browser);
      await signIn(page, server.url, office.username, TEST_PASSWORD);
      await page.getByRole('combobox', { name: '切换方案' }).click();
      await page.locator('.ant-select-item-option', { hasText: NEXT }).click();
      await page.waitForURL(new RegExp(nextId));
      await quiet(page);

      const nav = page.locator('.app-sider');
      for (const entry of ['填报轮次', '督查督办', '情况通报', '考核评分', '台账', '建设方案', '驾驶舱']) {
        await nav.getByRole('link', { name: entry, exact: true }).click();
        await expect.poll(() => planIn(page), { message: entry }).toBe(nextId);
        await quiet(page, 200);
        expect(await switcherText(page), entry).toContain(NEXT);
      }

      // The address of a page whose path names no plan, opened in a fresh browser by the same user.
      await nav.getByRole('link', { name: '督查督办', exact: true }).click();
      await expect.poll(() => planIn(page)).toBe(nextId);
      const copied = page.url();
      const elsewhere = await openPage(browser);
      await signIn(elsewhere.page, server.url, office.username, TEST_PASSWORD);
      await elsewhere.page.getByRole('combobox', { name: '切换方案' }).waitFor();
      // Leaving the landing page while it still loads would cancel its requests (no fault).
      await quiet(elsewhere.page);
      await elsewhere.page.goto(copied);
      await quiet(elsewhere.page);
      expect(await switcherText(elsewhere.page)).toContain(NEXT);
      expect(planIn(elsewhere.page)).toBe(nextId);

      // An address without a plan takes the remembered choice and says so.
      await quiet(page);
      await page.goto(`${server.url}/rounds`);
      await expect.poll(() => planIn(page)).toBe(nextId);

      // A round of the first plan, reached with the other plan in its address: the round decides.
      await quiet(page);
      await page.goto(`${server.url}/rounds/${firstRoundId}?plan=${nextId}`);
      await expect.poll(() => planIn(page)).toBe(firstId);
      await quiet(page);
      expect(await switcherText(page)).toContain(FIRST);
      await screenshot(page, 'plan-url-round-of-first-plan');
      expect(problems).toEqual([]);
      expect(elsewhere.problems).toEqual([]);
      await elsewhere.page.context().close();
      await page.context().close();
    },
  );

  it('takes a unit’s reporter from 本单位催办记录 to the unit’s page on every load', { timeout: 120_000 }, async () => {
    // /my-unit redirects to /units/:id while the layout adds ?plan=… to the address. When both happen
    // in one render, the layout once replaced the redirected address with /my-unit?plan=…, and the
    // reporter was left on a blank page (about 1 load in 20 here): load it often enough to catch it.
    const reporter = await createUser(server.db, {
      roles: ['reporter'],
      units: ['市科技局'],
      region: '句容市',
      displayName: '科技局',
    });
    const unit = await server.db
      .selectFrom('user_units')
      .select('unit_id')
      .where('user_id', '=', reporter.id)
      .executeTakeFirstOrThrow();
    // Loading the next address as soon as the unit's page shows cancels what the last one still
    // fetched (its favicon, the bell's count): no fault.
    const { page, problems } = await openPage(browser, { width: 390, height: 844 }, [/net::ERR_ABORTED/]);
    await signIn(page, server.url, reporter.username, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    const landed: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.goto(`${server.url}/my-unit`);
      await page
        .getByTestId('urgings')
        .waitFor({ timeout: 5_000 })
        .catch(() => undefined);
      landed.push(new URL(page.url()).pathname);
    }
    expect(landed.filter((p) => p !== `/units/${unit.unit_id}`)).toEqual([]);
    expect(planIn(page)).toBe(jurongId);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('refuses another county’s plan named in the address instead of showing one of its own', async () => {
    const office = await createUser(server.db, { roles: ['office'], region: '句容市', displayName: '句容办公室' });
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, office.username, TEST_PASSWORD);
    await page.getByRole('combobox', { name: '切换方案' }).waitFor();
    await quiet(page);
    await page.goto(`${server.url}/supervision?plan=${nextId}`);
    await page.getByText('无法打开此方案').waitFor();
    await screenshot(page, 'plan-url-other-county-refused');
    expect(page.url()).toContain(`plan=${nextId}`);
    expect(await page.getByText(NEXT).count()).toBe(0);
    // Its own plan stays reachable from the refusal.
    await page.getByRole('button', { name: '返回首页' }).click();
    await page.waitForURL(new RegExp(`/plans/${jurongId}/cockpit`));
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
