import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runDeliveries } from '../../server/src/modules/notifications/delivery.service.ts';
import { createUser, TEST_PASSWORD } from '../../server/src/test/factories.ts';
import { startSmsGateway, type SmsGateway } from '../../server/src/test/sms-gateway.ts';
import {
  ADMIN_PASSWORD,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  startServer,
  type RunningServer,
} from './harness.ts';
import { apiSession, button, quiet, settled } from './page-helpers.ts';

// The admin sets up the SMS gateway and a unit's mobile number on the screen, the office urges
// the unit, and the delivery log on the same screen shows the SMS the gateway took.
describe('SMS channel and daily digest on the notification settings screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let gw: SmsGateway;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    gw = await startSmsGateway();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await gw?.close();
  });

  it('configures the gateway and a mobile number, and shows the SMS sent after an urging', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, server.url, 'admin', ADMIN_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await quiet(page);
    await page.goto(`${server.url}/settings/notifications`);
    const card = page.locator('.ant-card', { hasText: '短信（HTTP 短信网关）' });
    await card.getByRole('switch').first().click();
    await card.getByLabel('网关地址').fill(gw.url);
    await card.getByLabel('访问令牌（Authorization: Bearer）').fill('county-token-1');
    await card.getByLabel('手机号字段名').fill('mobile');
    await card.getByLabel('内容字段名').fill('content');
    await card.getByLabel('短信签名').fill('科创办');
    await button(page, '保存通道设置').click();
    await page.getByText('已保存', { exact: true }).waitFor();
    // The address is never shown again: only its host, and that it is set.
    await card.getByText(/^已设置（http:\/\/127\.0\.0\.1:\d+）；留空则不修改$/).waitFor();
    expect(await card.getByLabel('网关地址').inputValue()).toBe('');

    const phone = page.getByLabel('市发改委手机');
    await phone.fill('139 1234 5678');
    await phone.blur();
    await page.getByText('已保存联系手机').waitFor();

    const office = await createUser(server.db, { roles: ['office'], units: [] });
    const asOffice = await apiSession(server.url, office.username, TEST_PASSWORD);
    const planId = (await server.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    const ndrc = (
      await server.db.selectFrom('units').select('id').where('name', '=', '市发改委').executeTakeFirstOrThrow()
    ).id;
    const round = await asOffice('POST', '/api/rounds', { planId, periodId: '2025Q3', cutoffDate: '2025-09-25' });
    const roundId = ((await round.json()) as { id: string }).id;
    expect((await asOffice('POST', '/api/urgings', { roundId, unitIds: [ndrc] })).status).toBe(201);
    await runDeliveries(server.db, new Date(Date.now() + 1000).toISOString());
    expect(gw.calls.map((c) => c.fields.mobile)).toEqual(['13912345678']);

    await page.reload();
    const log = page.locator('.ant-card', { hasText: '外发记录' });
    const row = log.getByRole('row', { name: /13912345678/ });
    await expect.poll(() => row.textContent()).toContain('短信');
    expect(await row.textContent()).toContain('已发送');
    await settled(page);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'notifications-sms-1440');
    expect(problems).toEqual([]);
  });
});
