import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { expectAudited } from '../../test/audit.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';

const TEMPORARY = 'Lin-Shi-2025!';
const NEW = 'Xin-De-Mima-9!';

describe.each(TEST_DIALECTS)('password reset and change on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  const liveSessions = async (userId: string) =>
    (
      await t.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute()
    ).length;

  it('resets to a temporary password, signs the user out everywhere and forces a change', async () => {
    const u = await createUser(t.db, { roles: ['reporter'], units: ['下蜀镇'] });
    const [one, two] = [await t.login(u.username, u.password), await t.login(u.username, u.password)];
    const res = await admin.request({
      method: 'POST',
      url: `/api/users/${u.id}/password-reset`,
      payload: { temporaryPassword: TEMPORARY },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: u.id, mustChangePassword: true });
    expect(res.body).not.toContain(TEMPORARY);
    const row = await expectAudited(t.db, res, {
      action: 'reset_password',
      entityType: 'user',
      entityId: u.id,
      before: true,
      after: true,
    });
    expect(row.before).toMatchObject({ mustChangePassword: false });
    expect(row.after).toMatchObject({ mustChangePassword: true, sessionsRevoked: true });
    for (const c of [one, two]) expect((await c.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
    expect(await liveSessions(u.id)).toBe(0);

    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
      remoteAddress: '10.1.0.1',
    });
    expect(old.statusCode).toBe(401);
    const fresh = await t.login(u.username, TEMPORARY);
    expect((await fresh.request({ method: 'GET', url: '/api/units' })).json().error.code).toBe(
      'password_change_required',
    );
    const change = await fresh.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: TEMPORARY, newPassword: NEW },
    });
    expect(change.statusCode, change.body).toBe(200);
    expect((await fresh.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(200);
  });

  it('refuses an admin resetting their own password, a weak one, and an unknown user', async () => {
    const adminId = (await admin.request({ method: 'GET', url: '/api/auth/me' })).json().user.id;
    const self = await admin.request({
      method: 'POST',
      url: `/api/users/${adminId}/password-reset`,
      payload: { temporaryPassword: TEMPORARY },
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toBe('请在“我的账号”中修改自己的密码');
    const u = await createUser(t.db, { roles: ['office'] });
    const weak = await admin.request({
      method: 'POST',
      url: `/api/users/${u.id}/password-reset`,
      payload: { temporaryPassword: 'alllowercase' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details.issues).toEqual([
      { path: 'temporaryPassword', message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' },
    ]);
    const missing = await admin.request({
      method: 'POST',
      url: '/api/users/nope/password-reset',
      payload: { temporaryPassword: TEMPORARY },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('changes the own password, keeps this session and signs out every other one', async () => {
    const u = await createUser(t.db, { roles: ['leader'] });
    const here = await t.login(u.username, u.password);
    const elsewhere = await t.login(u.username, u.password);
    const res = await here.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: u.password, newPassword: NEW },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: u.id, mustChangePassword: false }, csrfToken: here.csrfToken });
    await expectAudited(t.db, res, {
      action: 'change_password',
      entityType: 'user',
      entityId: u.id,
      actorId: u.id,
      before: true,
      after: true,
    });
    expect((await here.request({ method: 'GET', url: '/api/plans' })).statusCode).toBe(200);
    expect((await elsewhere.request({ method: 'GET', url: '/api/plans' })).statusCode).toBe(401);
    expect(await liveSessions(u.id)).toBe(1);
    const oldLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
      remoteAddress: '10.1.0.2',
    });
    expect(oldLogin.statusCode).toBe(401);
    await t.login(u.username, NEW);
  });

  it('refuses a wrong old password, the same password again and a weak new one', async () => {
    const u = await createUser(t.db, { roles: ['inspector'] });
    const c = await t.login(u.username, u.password);
    const change = (oldPassword: string, newPassword: string) =>
      c.request({ method: 'POST', url: '/api/auth/password', payload: { oldPassword, newPassword } });
    const wrong = await change('Wrong-Pass-2025!', NEW);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details.issues).toEqual([{ path: 'oldPassword', message: '原密码不正确' }]);
    expect((await change(u.password, u.password)).json().error.message).toBe('新密码不能与原密码相同');
    const weak = await change(u.password, `x${u.username}Z9!`);
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('密码不能包含用户名');
  });

  it('counts wrong old passwords towards the account lock', async () => {
    const u = await createUser(t.db, { roles: ['office'] });
    const c = await t.login(u.username, u.password);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await c.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { oldPassword: `Wrong-${i}-Pass!`, newPassword: NEW },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 423, 423]);
    const right = await c.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: TEST_PASSWORD, newPassword: NEW },
    });
    expect(right.statusCode).toBe(423);
  });
});

describe('passwords in the server log', () => {
  it('never writes a password or a hash to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const t = await createTestApp('sqlite', { logger: { level: 'trace', stream } });
    try {
      const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
      const unit = await t.db.selectFrom('units').select('id').where('name', '=', '下蜀镇').executeTakeFirstOrThrow();
      const created = await admin.request({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'logged',
          displayName: '日志',
          roles: ['reporter'],
          unitIds: [unit.id],
          initialPassword: TEMPORARY,
        },
      });
      const id = created.json().id as string;
      await admin.request({
        method: 'POST',
        url: `/api/users/${id}/password-reset`,
        payload: { temporaryPassword: 'Reset-Pass-2025!' },
      });
      const user = await t.login('logged', 'Reset-Pass-2025!');
      await user.request({
        method: 'POST',
        url: '/api/auth/password',
        payload: { oldPassword: 'Reset-Pass-2025!', newPassword: NEW },
      });
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'logged', password: 'Typo-Pass-2025!' },
      });
      expect(lines.length).toBeGreaterThan(5);
      const log = lines.join('\n');
      for (const secret of [
        TEMPORARY,
        'Reset-Pass-2025!',
        NEW,
        'Typo-Pass-2025!',
        TEST_ADMIN_PASSWORD,
        '$argon2',
        user.csrfToken,
        user.cookie.split('=')[1]!,
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await t.close();
    }
  });
});
