import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@innocity/shared/api/users';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';

const PASSWORD = 'County-Pass-2025!';

/** Who manages which accounts once a deployment holds two counties (user.policy.ts). */
describe.each(TEST_DIALECTS)('county and province admins on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let jurongAdmin: Client;
  let provinceAdmin: Client;
  let region: Record<string, string>;
  let jurongOffice: { id: string };
  let danyangOffice: { id: string };
  let danyangAdmin: { id: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const city = await t.db.selectFrom('regions').select('id').where('name', '=', '镇江市').executeTakeFirstOrThrow();
    await admin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '丹阳市', level: 'county', parentId: city.id },
    });
    const rows = await t.db.selectFrom('regions').select(['id', 'name']).execute();
    region = Object.fromEntries(rows.map((r) => [r.name, r.id]));
    const ja = await createUser(t.db, { roles: ['admin'], region: '句容市' });
    jurongAdmin = await t.login(ja.username, TEST_PASSWORD);
    const pa = await createUser(t.db, { roles: ['province_admin'], region: '江苏省' });
    provinceAdmin = await t.login(pa.username, TEST_PASSWORD);
    jurongOffice = await createUser(t.db, { roles: ['office'], region: '句容市' });
    danyangOffice = await createUser(t.db, { roles: ['office'], region: '丹阳市' });
    danyangAdmin = await createUser(t.db, { roles: ['admin'], region: '丹阳市' });
  });
  afterAll(() => t.close());

  const users = async (c: Client) =>
    ((await c.request({ method: 'GET', url: '/api/users' })).json().items as User[]).map((u) => u.id);
  const snapshot = () =>
    Promise.all([t.db.selectFrom('users').selectAll().execute(), t.db.selectFrom('user_roles').selectAll().execute()]);

  it('shows a county admin its county’s accounts only, and refuses another county’s account by id', async () => {
    const seen = await users(jurongAdmin);
    expect(seen).toContain(jurongOffice.id);
    expect(seen).not.toContain(danyangOffice.id);
    expect(seen).not.toContain(danyangAdmin.id);
    // The deployment's own admin (granted without a region) is beyond every county.
    const deploymentAdmin = (
      await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    expect(seen).not.toContain(deploymentAdmin);
    const before = await snapshot();
    for (const req of [
      { method: 'GET' as const, url: `/api/users/${danyangOffice.id}` },
      { method: 'PATCH' as const, url: `/api/users/${danyangOffice.id}`, payload: { displayName: '改名' } },
      {
        method: 'POST' as const,
        url: `/api/users/${danyangOffice.id}/password-reset`,
        payload: { temporaryPassword: PASSWORD },
      },
      { method: 'PATCH' as const, url: `/api/users/${deploymentAdmin}`, payload: { disabled: true } },
    ]) {
      const res = await jurongAdmin.request(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(403);
      expect(res.json().error.message).toMatch(/用户（userId）不属于您所在的地区/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets a county admin create accounts in its county only, with county roles only', async () => {
    const created = await jurongAdmin.request({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'jr-leader', displayName: '句容领导', roles: ['leader'], initialPassword: PASSWORD },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().regionId).toBe(region['句容市']);
    const before = await snapshot();
    const refusals: [object, RegExp][] = [
      [{ username: 'jr-x1', roles: ['office'], regionId: region['丹阳市'] }, /所属地区（regionId）不属于您所在的地区/],
      [{ username: 'jr-x2', roles: ['office'], regionId: region['镇江市'] }, /所属地区（regionId）不属于您所在的地区/],
      [{ username: 'jr-x3', roles: ['province_viewer'] }, /省级角色只能由全平台的系统管理员授予/],
      [{ username: 'jr-x4', roles: ['province_admin'], regionId: region['句容市'] }, /省级角色/],
    ];
    for (const [fields, message] of refusals) {
      const res = await jurongAdmin.request({
        method: 'POST',
        url: '/api/users',
        payload: { displayName: '越权', initialPassword: PASSWORD, ...fields },
      });
      expect(res.statusCode, JSON.stringify(fields)).toBe(403);
      expect(res.json().error.message).toMatch(message);
    }
    // Moving one of its own accounts out of the county, or to the whole deployment, is refused too.
    const id = created.json().id as string;
    for (const regionId of [region['丹阳市'], null]) {
      const res = await jurongAdmin.request({ method: 'PATCH', url: `/api/users/${id}`, payload: { regionId } });
      expect(res.statusCode, String(regionId)).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('keeps the notification channels, shared by every county, to the deployment’s admin', async () => {
    const before = await t.db.selectFrom('channel_settings').selectAll().execute();
    const res = await jurongAdmin.request({
      method: 'PUT',
      url: '/api/notification-settings',
      payload: {
        email: { enabled: true, host: 'smtp.example.cn', port: 25, secure: false, user: '', from: 'a@example.cn' },
        webhook: { enabled: false, format: 'wecom' },
      },
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.message).toMatch(/全平台/);
    expect(await t.db.selectFrom('channel_settings').selectAll().execute()).toEqual(before);
  });

  it('lets a 省级管理员 manage the county admins of its province, and nothing else', async () => {
    const seen = await users(provinceAdmin);
    expect(seen).toContain(danyangAdmin.id);
    expect(seen).not.toContain(danyangOffice.id);
    expect(seen).not.toContain(jurongOffice.id);
    const created = await provinceAdmin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'dy-admin2',
        displayName: '丹阳管理员',
        roles: ['admin'],
        regionId: region['丹阳市'],
        initialPassword: PASSWORD,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const reset = await provinceAdmin.request({
      method: 'POST',
      url: `/api/users/${danyangAdmin.id}/password-reset`,
      payload: { temporaryPassword: PASSWORD },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    const before = await snapshot();
    const refused = [
      {
        method: 'POST' as const,
        url: '/api/users',
        payload: {
          username: 'pa-x1',
          displayName: '越权',
          roles: ['office'],
          regionId: region['丹阳市'],
          initialPassword: PASSWORD,
        },
      },
      {
        method: 'POST' as const,
        url: '/api/users',
        payload: { username: 'pa-x2', displayName: '越权', roles: ['admin'], initialPassword: PASSWORD },
      },
      { method: 'GET' as const, url: `/api/users/${danyangOffice.id}` },
      { method: 'PATCH' as const, url: `/api/users/${danyangOffice.id}`, payload: { displayName: '改名' } },
      { method: 'PATCH' as const, url: `/api/users/${danyangAdmin.id}`, payload: { roles: ['admin', 'office'] } },
      {
        method: 'POST' as const,
        url: `/api/users/${danyangOffice.id}/password-reset`,
        payload: { temporaryPassword: PASSWORD },
      },
    ];
    for (const req of refused) {
      const res = await provinceAdmin.request(req);
      expect(res.statusCode, `${req.method} ${req.url} ${JSON.stringify(req.payload ?? {})}`).toBe(403);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await snapshot()).toEqual(before);
  });
});
