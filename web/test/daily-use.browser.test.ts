import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Round } from '@innocity/shared/api/reporting';
import { DEMO_PASSWORD, seedDemo } from '../../server/src/demo/seed-demo.ts';
import { findUserByUsername, loadActor } from '../../server/src/modules/users/user.repo.ts';
import { jurongPlanId } from '../../server/src/modules/ledgers/ledger-test-kit.ts';
import { launchBrowser, openPage, screenshot, signIn, startServer, type RunningServer } from './harness.ts';
import { apiSession, button, overflow, quiet } from './page-helpers.ts';

// The office's first week on the demo's history: the board on what needs chasing, the bell that
// groups, the urging that warns before the cut-off; pictures of the board, a round and a ledger
// at a desk (1440 px) and on a phone (390 px).
const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('daily use by the office on the demo', () => {
  let server: RunningServer;
  let browser: Browser;
  let planId: string;
  let futureRound: Round;

  const office = async (viewport: { width: number; height: number }) => {
    const watched = await openPage(browser, viewport, [/net::ERR_ABORTED/]);
    await signIn(watched.page, server.url, 'office', DEMO_PASSWORD);
    await watched.page.getByRole('button', { name: '账号菜单' }).waitFor();
    return watched;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    planId = await jurongPlanId(server.db);
    const admin = await loadActor(server.db, (await findUserByUsername(server.db, 'admin'))!);
    await seedDemo({ db: server.db, planId, admin, timeZone: 'Asia/Shanghai', seed: 20221222, log: () => undefined });
    await server.db.updateTable('users').set({ must_change_password: 0 }).where('username', '=', 'office').execute();
    const call = await apiSession(server.url, 'office', DEMO_PASSWORD);
    const res = await call('POST', '/api/rounds', { planId, periodId: '2099Q4', cutoffDate: '2099-12-31' });
    expect(res.status).toBe(201);
    futureRound = (await res.json()) as Round;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The state tag of each work item on the board's first page: table rows at a desk, cards on a phone. */
  const statesOfFirstPage = (page: Page) =>
    page
      .locator('tbody tr.ant-table-row, .phone-card')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('.ant-tag')?.textContent ?? ''));

  it('opens 督查督办 on overdue and red items, completed ones only on request', async () => {
    for (const [viewport, name] of [
      [DESK, 'supervision-board-1440'],
      [PHONE, 'supervision-board-390'],
    ] as const) {
      const { page, problems } = await office(viewport);
      await page.goto(`${server.url}/supervision`);
      await page.locator('tbody tr.ant-table-row, .phone-card').first().waitFor();
      const states = await statesOfFirstPage(page);
      expect(states.length).toBeGreaterThan(0);
      expect(states[0]).toBe('逾期');
      expect(states.filter((x) => x === '已完成' || x === '已销号')).toEqual([]);
      await quiet(page);
      await screenshot(page, name);
      if (viewport === DESK) {
        await page.getByRole('checkbox', { name: '含已完成、已销号' }).check();
        await page.getByRole('tab', { name: /工作事项（\d+）/ }).waitFor();
        // Completed items come last: on the last page.
        await page.locator('.ant-pagination-item').last().click();
        await page
          .locator('tbody tr.ant-table-row', { hasText: /已完成|已销号/ })
          .first()
          .waitFor();
      }
      expect(problems).toEqual([]);
    }
  });

  it('shows a round and a ledger at a desk and on a phone', async () => {
    for (const [viewport, size] of [
      [DESK, '1440'],
      [PHONE, '390'],
    ] as const) {
      const { page, problems } = await office(viewport);
      const rounds = (await (
        await apiSession(server.url, 'office', DEMO_PASSWORD)
      )('GET', `/api/rounds?planId=${planId}`).then((r) => r.json())) as { items: Round[] };
      const past = rounds.items.find((r) => r.id !== futureRound.id)!;
      await page.goto(`${server.url}/rounds/${past.id}`);
      await page.locator('tbody tr.ant-table-row, .phone-card').first().waitFor();
      await quiet(page);
      await screenshot(page, `round-${size}`);
      // On a phone the units are cards, their names whole on one line; nothing is wider than the screen.
      if (viewport === PHONE) {
        await page
          .locator('.phone-card-title', { hasText: /^市科技局$/ })
          .first()
          .waitFor();
        expect(await overflow(page)).toBeLessThanOrEqual(0);
      }
      await page.goto(`${server.url}/plans/${planId}/ledgers/high-tech-enterprises`);
      await page.locator('tbody tr.ant-table-row, .phone-card').first().waitFor();
      await quiet(page);
      await screenshot(page, `ledger-${size}`);
      // Every field of a row is on its card, 企业名称 among them.
      if (viewport === PHONE) {
        await page.locator('.phone-card dt', { hasText: '企业名称' }).first().waitFor();
        expect(await overflow(page)).toBeLessThanOrEqual(0);
      }
      expect(problems).toEqual([]);
    }
  });

  it('groups the same day’s 已报送 notices into one line that opens to each', async () => {
    const user = (await findUserByUsername(server.db, 'office'))!;
    await server.db
      .updateTable('notifications')
      .set({ read_at: new Date().toISOString() })
      .where('user_id', '=', user.id)
      .execute();
    const now = Date.now();
    await server.db
      .insertInto('notifications')
      .values(
        ['市发改委', '市科技局', '华阳街道'].map((unit, i) => ({
          id: randomUUID(),
          user_id: user.id,
          kind: 'submitted',
          title: `${unit}《2025年第三季度》填报已报送`,
          body: '请审核。',
          link: '/rounds',
          created_at: new Date(now - i * 60_000).toISOString(),
          read_at: null,
        })),
      )
      .execute();
    const { page, problems } = await office(PHONE);
    await page.getByTestId('bell').click();
    await page.getByText('3家单位已报送，待审核（展开）').click();
    await page.getByRole('button', { name: '市科技局《2025年第三季度》填报已报送' }).waitFor();
    await screenshot(page, 'bell-grouped-390');
    await page.getByRole('button', { name: '全部已读' }).click();
    await expect.poll(() => page.getByTestId('bell').getAttribute('aria-label')).toBe('通知，0 条未读');
    expect(problems).toEqual([]);
  });

  it('warns before urging every unreported unit while the cut-off is still ahead', async () => {
    const { page, problems } = await office(DESK);
    await page.goto(`${server.url}/rounds/${futureRound.id}`);
    await page.getByRole('button', { name: '催办全部未报单位' }).click();
    await page.getByText('截止时间（2099年12月31日 24:00）还没有到').waitFor();
    await button(page, '取消').click();
    expect(problems).toEqual([]);
  });
});
