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
import { apiSession, button, httpError, overflow, pickTreeOption, quiet, settled } from './page-helpers.ts';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const TEMP_PASSWORD = 'Xiashu-Temp-2025';
const NEW_PASSWORD = 'Xiashu-New-Pass-2026';

describe('accounts, units and the audit log in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  const unitId = async (name: string) =>
    (await server.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const adminPage = async (viewport = DESKTOP, allow: RegExp[] = []) => {
    const watched = await openPage(browser, viewport, allow);
    await signIn(watched.page, server.url, 'admin', ADMIN_PASSWORD);
    await watched.page.getByRole('button', { name: '账号菜单' }).waitFor();
    // Let the home page finish loading, so leaving it aborts no request.
    await quiet(watched.page);
    return watched;
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets the admin create a reporter for 下蜀镇 through the users screen, under the content security policy', async () => {
    const { page, problems } = await adminPage(DESKTOP, httpError(409, /\/api\/users$/));
    const html = await page.goto(`${server.url}/admin/users`);
    expect(html?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByRole('cell', { name: 'admin', exact: true }).waitFor();

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('admin');
    await dialog.getByLabel('姓名').fill('下蜀镇填报员');
    await dialog.getByLabel('电话').fill('0511-87000000');
    await dialog.getByLabel('所属单位').fill('下蜀');
    await pickTreeOption(page, '下蜀镇');
    await dialog.getByText('新建用户').click(); // closes the multiple-choice popup
    await dialog.getByRole('checkbox', { name: '单位填报员' }).check();
    // The shared password policy answers as the admin types.
    await dialog.getByLabel('初始密码').fill('xiashu');
    await dialog.getByText('密码至少 10 个字符').waitFor();
    await dialog.getByLabel('初始密码').fill(TEMP_PASSWORD);
    await dialog.getByText('密码符合要求').waitFor();
    // The server's refusal lands on the field it names.
    await button(dialog, '创建').click();
    await dialog.locator('#user_username_help').getByText('用户名“admin”已被使用').waitFor();
    await dialog.getByLabel('用户名').fill('xiashu-clerk');
    await dialog.getByText('用户名“admin”已被使用').waitFor({ state: 'detached' });
    await screenshot(page, 'user-form-desktop');
    await button(dialog, '创建').click();
    await page.getByText('已新建账号“下蜀镇填报员”，首次登录须修改密码').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /xiashu-clerk/ });
    for (const text of ['下蜀镇', '单位填报员', '待改密码']) await row.getByText(text, { exact: true }).waitFor();
    await settled(page);
    await screenshot(page, 'users-desktop');

    // Filters: by unit finds the new account and nobody else.
    await page.getByLabel('按单位筛选').fill('下蜀');
    await pickTreeOption(page, '下蜀镇');
    await page.getByText('共 1 个账号').waitFor();
    await expect(page.getByRole('row', { name: /admin/ }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('forces the reporter to change the temporary password first, then continues where they were going', async () => {
    const { page, problems } = await openPage(browser, DESKTOP, httpError(400, /\/api\/auth\/password$/));
    await page.goto(`${server.url}/reporting`);
    await page.getByLabel('用户名').fill('xiashu-clerk');
    await page.getByLabel('密码').fill(TEMP_PASSWORD);
    await button(page, '登录').click();
    await page.getByRole('heading', { name: '首次登录请修改密码' }).waitFor();
    expect(page.url()).toContain('/change-password');
    // No other page is reachable until the password is changed.
    await page.goto(`${server.url}/account`);
    await page.getByRole('heading', { name: '首次登录请修改密码' }).waitFor();
    await expect(page.getByRole('button', { name: '账号菜单' }).count()).resolves.toBe(0); // no app layout, no navigation
    await screenshot(page, 'forced-change-desktop');

    await page.getByLabel('原密码').fill('Wrong-Old-Pass-1');
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.locator('#password_oldPassword_help').getByText('原密码不正确').waitFor();

    await page.getByLabel('原密码').fill(TEMP_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '我的账号' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await expect(page.getByText('下蜀镇', { exact: true }).isVisible()).resolves.toBe(true);
    expect(problems).toEqual([]);
  });

  it('shows my account from the header menu on a phone', async () => {
    const { page, problems } = await openPage(browser, PHONE);
    await signIn(page, server.url, 'xiashu-clerk', NEW_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).click();
    await page.getByRole('menuitem', { name: /我的账号/ }).click();
    await page.getByRole('heading', { name: '我的账号' }).waitFor();
    const account = page.locator('.account-page');
    for (const text of ['下蜀镇填报员', 'xiashu-clerk', '下蜀镇', '单位填报员'])
      await expect(account.getByText(text, { exact: true }).isVisible()).resolves.toBe(true);
    await expect(
      page.getByText('其他电脑、手机或浏览器上的登录将全部退出', { exact: false }).isVisible(),
    ).resolves.toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'account-phone');
    expect(problems).toEqual([]);
  });

  it('locks an account after five wrong passwords and says until when, in Chinese', async () => {
    const target = await createUser(server.db, { username: 'baitu-clerk', roles: ['reporter'], units: ['白兔镇'] });
    const { page, problems } = await openPage(browser, DESKTOP, [
      ...httpError(401, /\/api\/auth\/login$/),
      ...httpError(423, /\/api\/auth\/login$/),
    ]);
    await page.goto(`${server.url}/login`);
    const attempt = async (password: string) => {
      await page.getByLabel('用户名').fill(target.username);
      await page.getByLabel('密码').fill(password);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
        button(page, '登录').click(),
      ]);
    };
    for (let i = 1; i <= 4; i++) {
      await attempt(`Wrong-Pass-${i}`);
      await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    }
    await attempt('Wrong-Pass-5');
    const lock = /密码错误次数过多，该账号已临时锁定，请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 后再试（约 15 分钟）/;
    await page.getByRole('alert').filter({ hasText: lock }).waitFor();
    // While locked, even the right password is refused with the same message.
    await attempt(TEST_PASSWORD);
    await page.getByRole('alert').filter({ hasText: lock }).waitFor();
    await expect(page.getByText('锁定期间即使密码正确也无法登录').isVisible()).resolves.toBe(true);
    await screenshot(page, 'login-locked-desktop');
    expect(problems).toEqual([]);
  });

  it('lets the admin disable an account (which then cannot sign in), enable it, edit it and reset its password', async () => {
    await createUser(server.db, {
      username: 'huayang-clerk',
      roles: ['reporter'],
      units: ['华阳街道'],
      displayName: '华阳街道填报员',
    });
    const admin = await adminPage();
    await admin.page.goto(`${server.url}/admin/users`);
    await admin.page.getByLabel('搜索用户').fill('huayang');
    await admin.page.getByLabel('搜索用户').press('Enter');
    await admin.page.getByRole('button', { name: '停用 huayang-clerk' }).click();
    await admin.page.locator('.ant-modal-confirm-title', { hasText: '确定停用账号“华阳街道填报员”吗？' }).waitFor();
    await button(admin.page.getByRole('dialog'), '停用').click();
    await admin.page
      .getByRole('row', { name: /huayang-clerk/ })
      .getByText('已停用')
      .waitFor();

    const user = await openPage(browser, DESKTOP, httpError(401, /\/api\/auth\/login$/));
    await signIn(user.page, server.url, 'huayang-clerk', TEST_PASSWORD);
    await user.page.getByRole('alert').filter({ hasText: '该账号已停用，请联系管理员' }).waitFor();

    await admin.page.getByRole('button', { name: '启用 huayang-clerk' }).click();
    await button(admin.page.getByRole('dialog'), '启用').click();
    await admin.page
      .getByRole('row', { name: /huayang-clerk/ })
      .getByText('启用中')
      .waitFor();

    await admin.page.getByRole('button', { name: '编辑 huayang-clerk' }).click();
    const form = admin.page.getByRole('dialog');
    await expect(form.getByLabel('姓名').inputValue()).resolves.toBe('华阳街道填报员');
    await form.getByLabel('姓名').fill('华阳街道填报员（王）');
    await form.getByRole('checkbox', { name: '单位审核人' }).check();
    await button(form, '保存').click();
    const row = admin.page.getByRole('row', { name: /huayang-clerk/ });
    await row.getByText('华阳街道填报员（王）').waitFor();
    await row.getByText('单位审核人').waitFor();

    await admin.page.getByRole('button', { name: '重置 huayang-clerk 的密码' }).click();
    await admin.page.getByLabel('临时密码').fill('Huayang-Temp-2025');
    await admin.page.getByRole('button', { name: '重置密码', exact: true }).click();
    await admin.page.getByText('已重置“华阳街道填报员（王）”的密码，其全部登录已失效').waitFor();
    await row.getByText('待改密码').waitFor();
    expect(admin.problems).toEqual([]);
    expect(user.problems).toEqual([]);
  });

  it('keeps a 下蜀镇 reporter out of another unit draft, by URL and by calling the API', async () => {
    const office = await createUser(server.db, { roles: ['office'] });
    const asOffice = await apiSession(server.url, office.username, TEST_PASSWORD);
    const planId = (await server.db.selectFrom('plans').select('id').executeTakeFirstOrThrow()).id;
    const task = await server.db
      .selectFrom('plan_tasks')
      .select('id')
      .where('plan_id', '=', planId)
      .where('number', '=', 5)
      .executeTakeFirstOrThrow();
    const ndrc = await unitId('市发改委');
    const item = await asOffice('POST', '/api/work-items', {
      planId,
      taskId: task.id,
      year: 2025,
      title: '推进重大科技创新项目建设',
      leadUnitId: ndrc,
      coUnitIds: [],
      dueDate: '2025-12-31',
      expectedEvidence: '项目进度表',
    });
    expect(item.status).toBe(201);
    const round = await asOffice('POST', '/api/rounds', { planId, periodId: '2025Q3', cutoffDate: '2025-09-25' });
    expect(round.status).toBe(201);
    const roundId = ((await round.json()) as { id: string }).id;
    const draft = (await (await asOffice('GET', `/api/rounds/${roundId}/units/${ndrc}/submission`)).json()) as {
      id: string;
      status: string;
    };
    expect(draft.status).toBe('draft');

    const { page, problems } = await openPage(browser, DESKTOP, [
      /status of 40[34]/,
      new RegExp(`HTTP 40[34]: \\w+ .*/api/(submissions/${draft.id}|rounds/${roundId}/units/|audit|users)`),
    ]);
    await signIn(page, server.url, 'xiashu-clerk', NEW_PASSWORD);
    await page.getByRole('button', { name: '账号菜单' }).waitFor();
    await quiet(page);
    await page.goto(`${server.url}/reporting/submissions/${draft.id}`);
    await page.getByText('报送不存在或无权查看').waitFor();
    await expect(page.getByText('推进重大科技创新项目建设').count()).resolves.toBe(0);
    await screenshot(page, 'draft-refused-desktop');

    const direct = await page.evaluate(
      async ({ id, roundId, ndrc }) => {
        const { csrfToken } = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
        const call = async (method: string, url: string, body?: unknown) => {
          const res = await fetch(url, {
            method,
            headers: { 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
            body: body ? JSON.stringify(body) : undefined,
          });
          return {
            url,
            status: res.status,
            message: ((await res.json()) as { error?: { message: string } }).error?.message ?? '',
          };
        };
        return [
          await call('GET', `/api/submissions/${id}`),
          await call('GET', `/api/rounds/${roundId}/units/${ndrc}/submission`),
          await call('PUT', `/api/submissions/${id}`, { version: 1, entries: [] }),
          await call('GET', '/api/audit'),
          await call('GET', '/api/users'),
        ];
      },
      { id: draft.id, roundId, ndrc },
    );
    for (const r of direct) {
      expect([403, 404], r.url).toContain(r.status);
      expect(r.message, r.url).toMatch(/[\u4e00-\u9fa5]/);
    }
    // The draft is unchanged.
    const after = (await (await asOffice('GET', `/api/submissions/${draft.id}`)).json()) as {
      status: string;
      version: number;
    };
    expect(after.status).toBe('draft');
    expect(problems).toEqual([]);
  });

  it('lets the admin add, move and disable a unit with Chinese confirmations', async () => {
    const { page, problems } = await adminPage();
    await page.getByRole('link', { name: '单位管理' }).click();
    await page.getByRole('tree').getByText('下蜀镇', { exact: true }).waitFor();
    await page.getByRole('tree').getByText('句容市', { exact: true }).click();
    await page.getByRole('button', { name: '新建下级单位' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('单位名称').fill('句容科创园');
    await dialog.getByLabel('单位全称').fill('句容市科技创新园');
    await dialog.getByLabel('别名').fill('科创园');
    await dialog.getByLabel('别名').press('Enter');
    await dialog.getByLabel('类别').fill('园区');
    await dialog.getByLabel('类别').press('Enter');
    await dialog.getByLabel('单位编码').fill('kechuang-park');
    await button(dialog, '创建').click();
    await page.getByText('已新建单位“句容科创园”').waitFor();
    const detail = page.locator('.unit-detail');
    await detail.getByText('句容市科技创新园').waitFor();

    await detail.getByRole('button', { name: '调整上级' }).click();
    await page.getByLabel('新的上级单位').fill('经济开发区');
    await pickTreeOption(page, '江苏句容经济开发区');
    await page.getByRole('button', { name: '确认移动' }).click();
    await page.getByText('已移动单位“句容科创园”').waitFor();
    await detail.getByText('江苏句容经济开发区', { exact: true }).waitFor();

    await button(detail, '停用').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '确定停用单位“句容科创园”吗？' }).waitFor();
    await button(page.getByRole('dialog'), '停用').click();
    await detail.getByText('已停用').waitFor();
    // The moved unit shows under its new parent, which the tree opened for it.
    await page.getByRole('tree').getByText('句容科创园', { exact: true }).waitFor();
    await settled(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'units-desktop');
    expect(problems).toEqual([]);
  });

  it('shows every write of this suite in the audit log with before and after, and exports it to Excel', async () => {
    const { page, problems } = await adminPage();
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByText('还没有审计记录').or(page.getByRole('row').nth(1)).first().waitFor();
    // A moved unit: the diff names the old and the new parent.
    await page.getByLabel('对象类型').fill('单位');
    await page.getByLabel('对象类型').press('Enter');
    await page.getByLabel('操作', { exact: true }).fill('移动');
    await page.getByLabel('操作', { exact: true }).press('Enter');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.getByPlaceholder('开始日期').fill(today);
    await page.getByPlaceholder('开始日期').press('Enter');
    await page.getByPlaceholder('结束日期').fill(today);
    await page.getByPlaceholder('结束日期').press('Enter');
    await button(page, '查询').click();
    const moved = page.getByRole('row', { name: /句容科创园/ });
    await moved.waitFor();
    await moved.getByRole('button', { name: /展开行|Expand row/ }).click();
    const diff = page.locator('.audit-diff');
    await diff.getByText('句容市', { exact: true }).waitFor();
    await expect(diff.getByText('江苏句容经济开发区', { exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'audit-desktop');

    // Each write of the suite left its row.
    await button(page, '重置').click();
    for (const [type, action, name] of [
      ['用户', '新建', '下蜀镇填报员'],
      // Rows whose change carries no name still name their object, not a hash.
      ['用户', '修改密码', '下蜀镇填报员'],
      ['用户', '修改', '华阳街道填报员'],
      ['用户', '重置密码', '华阳街道填报员（王）'],
      ['单位', '新建', '句容科创园'],
      ['单位', '停用', '句容科创园'],
      ['登录会话', '登录失败', null],
    ] as const) {
      await page.getByLabel('对象类型').fill(type);
      await page.getByLabel('对象类型').press('Enter');
      await page.getByLabel('操作', { exact: true }).fill(action);
      await page.getByLabel('操作', { exact: true }).press('Enter');
      await button(page, '查询').click();
      const rows = page.locator('tbody tr.ant-table-row', { hasText: name ?? action });
      await rows.first().waitFor();
    }

    // A sign-in's fields by their Chinese names, not userAgent and ip.
    await page.getByLabel('对象类型').fill('登录会话');
    await page.getByLabel('对象类型').press('Enter');
    await page.getByLabel('操作', { exact: true }).fill('登录');
    await page.getByLabel('操作', { exact: true }).press('Enter');
    await button(page, '查询').click();
    const login = page.locator('tbody tr.ant-table-row', { hasText: '登录' }).first();
    await login.getByRole('button', { name: /展开行|Expand row/ }).click();
    await page.locator('.audit-diff').getByText('浏览器', { exact: true }).first().waitFor();
    await expect(page.locator('.audit-diff').getByText('userAgent').count()).resolves.toBe(0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByText(/已导出：/).waitFor();
    expect(problems).toEqual([]);
  });

  it('keeps the admin screens usable at phone width, rows as cards', async () => {
    const { page, problems } = await adminPage(PHONE);
    for (const [path, ready] of [
      ['/admin/users', page.locator('.phone-card', { hasText: 'admin' }).first()],
      ['/admin/units', page.getByRole('tree').getByText('下蜀镇', { exact: true })],
      ['/audit', page.locator('.phone-card').first()],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await ready.waitFor();
      await quiet(page);
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
      await screenshot(page, `${path.split('/').pop()}-phone`);
    }
    expect(problems).toEqual([]);
  });
});
