import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import {
  ADMIN_PASSWORD,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  startServer,
  type RunningServer,
} from './harness.ts';
import { apiSession, httpError } from './page-helpers.ts';

// Each role lands where it works: a leader reads published scores, not the office's scheme editor,
// and an old link to a draft bulletin says what it is instead of "不存在" twice.
describe('where a leader lands', () => {
  let server: RunningServer;
  let browser: Browser;
  let leader: string;
  let draftId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const planId = (await server.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    leader = (await createUser(server.db, { roles: ['leader'], displayName: '李市长' })).username;
    const admin = await apiSession(server.url, 'admin', ADMIN_PASSWORD);
    expect((await admin('POST', `/api/plans/${planId}/assessment/schemes`, { year: 2025 })).status).toBe(200);
    const draft = await admin('POST', `/api/plans/${planId}/bulletins`, { periodId: '2025Q3', asOf: '2025-10-10' });
    expect(draft.status).toBe(200);
    draftId = ((await draft.json()) as { id: string }).id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens 考核评分 on 已发布结果 for a leader', async () => {
    const { page, problems } = await openPage(browser, undefined, [/net::ERR_ABORTED/]);
    await signIn(page, server.url, leader, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await page.goto(`${server.url}/assessment`);
    await expect.poll(() => page.getByRole('tab', { name: '已发布结果' }).getAttribute('aria-selected')).toBe('true');
    expect(problems).toEqual([]);
  });

  it('tells a leader on a draft bulletin that it is not yet issued, once, with the way back', async () => {
    // Navigating on right after sign-in cancels the home page's chunk preloads: not a failure.
    const { page, problems } = await openPage(browser, undefined, [
      ...httpError(404, /\/api\/bulletins\//),
      /net::ERR_ABORTED/,
    ]);
    await signIn(page, server.url, leader, TEST_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await page.goto(`${server.url}/bulletins/${draftId}`);
    await page.getByText('这份情况通报尚未印发').waitFor();
    await expect(page.getByText('情况通报不存在').count()).resolves.toBe(0);
    await screenshot(page, 'bulletin-draft-leader');
    await page.getByRole('button', { name: '返回情况通报列表' }).click();
    await page.waitForURL(/\/bulletins(\?plan=[^&]+)?$/);
    expect(problems).toEqual([]);
  });
});
