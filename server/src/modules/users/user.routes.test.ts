import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '@innocity/shared/api/users';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { expectAudited } from '../../test/audit.ts';
import { createUser as createUserRow } from '../../test/factories.ts';

const INITIAL = 'Chu-Shi-2025!';

describe.each(TEST_DIALECTS)('accounts API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let adminId: string;
  let xiashu: string;
  let baitu: string;
  const bodies: string[] = [];
  const record = (c: Client): Client => ({
    ...c,
    request: async (o) => {
      const r = await c.request(o);
      bodies.push(r.body);
      return r;
    },
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = record(await t.login('admin', TEST_ADMIN_PASSWORD));
    adminId = (await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow())
      .id;
    const unitId = async (name: string) =>
      (await t.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    xiashu = await unitId('下蜀镇');
    baitu = await unitId('白兔镇');
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => admin.request({ method: 'POST', url: '/api/users', payload: body });
  const newReporter = async (username: string) => {
    const res = await create({
      username,
      displayName: '王填报',
      phone: '0511-87654321',
      roles: ['reporter'],
      unitIds: [xiashu],
      initialPassword: INITIAL,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as User;
  };

  it('creates a reporter for 下蜀镇 who must change the password at first login, and audits it', async () => {
    const res = await create({
      username: 'xs-reporter',
      displayName: '王填报',
      roles: ['reporter'],
      unitIds: [xiashu],
      initialPassword: INITIAL,
    });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json() as User;
    expect(user).toMatchObject({
      username: 'xs-reporter',
      roles: ['reporter'],
      units: [{ id: xiashu, name: '下蜀镇' }],
      mustChangePassword: true,
      disabled: false,
      phone: null,
    });
    const row = await expectAudited(t.db, res, {
      action: 'create',
      entityType: 'user',
      entityId: user.id,
      actorId: adminId,
      before: false,
      after: true,
    });
    expect(row.after).toMatchObject({ username: 'xs-reporter', roles: ['reporter'], mustChangePassword: true });

    const reporter = record(await t.login('xs-reporter', INITIAL));
    const me = await reporter.request({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.mustChangePassword).toBe(true);
    const plans = await reporter.request({ method: 'GET', url: '/api/plans' });
    expect(plans.statusCode).toBe(403);
    expect(plans.json().error).toEqual({ code: 'password_change_required', message: '首次登录须先修改密码' });

    const change = await reporter.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: INITIAL, newPassword: 'Xin-Mima-2025!' },
    });
    expect(change.statusCode, change.body).toBe(200);
    expect(change.json().user.mustChangePassword).toBe(false);
    await expectAudited(t.db, change, {
      action: 'change_password',
      entityType: 'user',
      entityId: user.id,
      actorId: user.id,
      before: true,
      after: true,
    });
    expect((await reporter.request({ method: 'GET', url: '/api/plans' })).statusCode).toBe(200);
  });

  it('refuses a reporter or an approver without a unit, naming the field in Chinese', async () => {
    for (const role of ['reporter', 'approver']) {
      const res = await create({
        username: `no-unit-${role}`,
        displayName: '无单位',
        roles: [role],
        initialPassword: INITIAL,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.issues).toContainEqual({
        path: 'unitIds',
        message: '单位填报员和单位审核人须至少属于一个单位',
      });
    }
    const leader = await create({
      username: 'leader-1',
      displayName: '李市长',
      roles: ['leader'],
      initialPassword: INITIAL,
    });
    expect(leader.statusCode).toBe(201);
  });

  it('refuses a taken username in any letter case, a weak password and an unknown unit', async () => {
    await newReporter('taken-name');
    const taken = await create({
      username: 'TAKEN-name',
      displayName: '重名',
      roles: ['office'],
      initialPassword: INITIAL,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('用户名“TAKEN-name”已被使用');
    const weak = await create({
      username: 'weakling',
      displayName: '弱',
      roles: ['office'],
      initialPassword: 'weakling-123A',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('密码不能包含用户名');
    const unknown = await create({
      username: 'lost-unit',
      displayName: '无',
      roles: ['reporter'],
      unitIds: ['nope'],
      initialPassword: INITIAL,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.issues).toEqual([{ path: 'unitIds.0', message: '单位不存在' }]);
    const bad = await create({ username: '中', displayName: '', roles: [], phone: 'abc', initialPassword: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^请求体有误：/);
    const messages = (bad.json().error.details.issues as { message: string }[]).map((i) => i.message);
    for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('lists accounts by role, unit and text, and reads one', async () => {
    const u = await newReporter('list-me');
    const byUnit = (
      await admin.request({ method: 'GET', url: `/api/users?unitId=${xiashu}&role=reporter&q=LIST` })
    ).json();
    expect(byUnit.items.map((x: User) => x.username)).toEqual(['list-me']);
    const all = (await admin.request({ method: 'GET', url: '/api/users' })).json();
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((x: User) => x.username)).toContain('admin');
    const one = await admin.request({ method: 'GET', url: `/api/users/${u.id}` });
    expect(one.json()).toEqual(u);
    const missing = await admin.request({ method: 'GET', url: '/api/users/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: 'not_found', message: '用户不存在' } });
  });

  it('updates names, roles and units, and records before and after', async () => {
    const u = await newReporter('to-update');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/users/${u.id}`,
      payload: { displayName: '王审核', phone: null, roles: ['approver', 'reporter'], unitIds: [xiashu, baitu] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '王审核', phone: null, roles: ['approver', 'reporter'] });
    expect(
      res
        .json()
        .units.map((x: { name: string }) => x.name)
        .sort(),
    ).toEqual(['下蜀镇', '白兔镇'].sort());
    const row = await expectAudited(t.db, res, {
      action: 'update',
      entityType: 'user',
      entityId: u.id,
      before: true,
      after: true,
    });
    expect(row.before).toMatchObject({ displayName: '王填报', roles: ['reporter'] });
    expect(row.after).toMatchObject({ displayName: '王审核', roles: ['approver', 'reporter'] });
    const noUnits = await admin.request({ method: 'PATCH', url: `/api/users/${u.id}`, payload: { unitIds: [] } });
    expect(noUnits.statusCode).toBe(400);
  });

  it('disabling an account signs it out everywhere and refuses its login', async () => {
    const u = await newReporter('to-disable');
    const session = await t.login('to-disable', INITIAL);
    const res = await admin.request({ method: 'PATCH', url: `/api/users/${u.id}`, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    await expectAudited(t.db, res, { action: 'update', entityType: 'user', entityId: u.id, before: true, after: true });
    expect((await session.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
    const live = await t.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', u.id)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toHaveLength(0);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'to-disable', password: INITIAL },
      remoteAddress: '10.9.0.1',
    });
    expect(login.statusCode).toBe(401);
    expect(login.json().error.message).toBe('该账号已停用，请联系管理员');
    const guess = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'to-disable', password: 'Guess-Pass-2025!' },
      remoteAddress: '10.9.0.1',
    });
    expect(guess.json().error.message, 'a wrong password does not learn that the account exists').toBe(
      '用户名或密码错误',
    );
  });

  it('keeps an admin from disabling or demoting themselves', async () => {
    const disable = await admin.request({ method: 'PATCH', url: `/api/users/${adminId}`, payload: { disabled: true } });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().error.message).toBe('不能停用自己的账号');
    const demote = await admin.request({
      method: 'PATCH',
      url: `/api/users/${adminId}`,
      payload: { roles: ['office'] },
    });
    expect(demote.statusCode).toBe(403);
    const second = await createUserRow(t.db, { roles: ['admin'] });
    const other = await admin.request({
      method: 'PATCH',
      url: `/api/users/${second.id}`,
      payload: { roles: ['office'] },
    });
    expect(other.statusCode).toBe(200);
  });

  it('never shows a password or a hash in a response or an audit row', async () => {
    const rows = await t.db.selectFrom('audit_logs').select(['before_json', 'after_json']).execute();
    const haystacks = [...bodies, ...rows.flatMap((r) => [r.before_json ?? '', r.after_json ?? ''])];
    expect(bodies.length).toBeGreaterThan(20);
    for (const text of haystacks) {
      for (const secret of [
        INITIAL,
        'Xin-Mima-2025!',
        TEST_ADMIN_PASSWORD,
        '$argon2',
        'passwordHash',
        'password_hash',
      ]) {
        expect(text, `a body or audit row contains ${secret}`).not.toContain(secret);
      }
    }
  });
});
