import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { expectAudited } from '../../test/audit.ts';
import { createUser } from '../../test/factories.ts';
import { loadConfig } from '../../config.ts';
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES } from './auth.service.ts';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
// The test app runs with the default session policy.
const { sessionIdleMinutes: IDLE, sessionAbsoluteHours: ABSOLUTE } = loadConfig({});

describe.each(TEST_DIALECTS)('sign-in, lockout and sessions on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('locks an account after five wrong passwords with a Chinese message saying when to try again', async () => {
    const u = await createUser(t.db, { roles: ['reporter'], units: ['下蜀镇'] });
    const statuses: number[] = [];
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++)
      statuses.push((await login(u.username, `Wrong-${i}-Pass!`, '10.2.0.1')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const right = await login(u.username, u.password, '10.2.0.2');
    expect(right.statusCode).toBe(423);
    const body = right.json();
    expect(body.error.code).toBe('locked');
    expect(body.error.message).toMatch(
      /^密码错误次数过多，该账号已临时锁定，请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 后再试（约 1[45] 分钟）$/,
    );
    expect(Date.parse(body.error.details.lockedUntil)).toBeGreaterThan(Date.now() + 14 * 60_000);
    const failures = await t.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'login_failed')
      .where('entity_id', '=', u.id)
      .execute();
    expect(failures).toHaveLength(ACCOUNT_MAX_FAILURES);
    expect(failures.every((f) => f.ip === '10.2.0.1' && f.after_json && !f.after_json.includes('Wrong-'))).toBe(true);
  });

  it('lets the account in again once the lock has passed', async () => {
    const u = await createUser(t.db, { roles: ['office'] });
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) await login(u.username, 'Wrong-Pass-2025!', '10.3.0.1');
    await t.db
      .updateTable('login_throttles')
      .set({ locked_until: minutesAgo(1) })
      .where('key', '=', `user:${u.username.toLowerCase()}`)
      .execute();
    expect((await login(u.username, u.password, '10.3.0.2')).statusCode).toBe(200);
  });

  it('locks an address across accounts after twenty failures', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser(t.db, { roles: ['leader'] })));
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      const res = await login(users[i % users.length]!.username, `Wrong-${i}-Pass!`, '10.4.0.9');
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const fresh = await createUser(t.db, { roles: ['inspector'] });
    const res = await login(fresh.username, fresh.password, '10.4.0.9');
    expect(res.statusCode).toBe(423);
    expect(res.json().error.message).toContain('当前网络地址已临时锁定');
    expect((await login(fresh.username, fresh.password, '10.4.0.10')).statusCode).toBe(200);
  });

  it('records a sign-in with who, from where and the browser', async () => {
    const u = await createUser(t.db, { roles: ['leader'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
      remoteAddress: '10.5.0.1',
      headers: { 'user-agent': 'TestBrowser/1' },
    });
    const row = await expectAudited(t.db, res, {
      action: 'login',
      entityType: 'session',
      entityId: u.id,
      actorId: u.id,
      before: false,
      after: true,
    });
    expect(row.ip).toBe('10.5.0.1');
    expect(row.after).toEqual({ username: u.username, ip: '10.5.0.1', userAgent: 'TestBrowser/1' });
  });

  it('ends a session that has been idle too long', async () => {
    const u = await createUser(t.db, { roles: ['leader'] });
    const c = await t.login(u.username, u.password);
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: minutesAgo(IDLE - 1) })
      .where('user_id', '=', u.id)
      .execute();
    expect((await c.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(200);
    const touched = await t.db
      .selectFrom('sessions')
      .select('last_seen_at')
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(Date.parse(touched.last_seen_at)).toBeGreaterThan(Date.now() - 60_000);
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: minutesAgo(IDLE + 1) })
      .where('user_id', '=', u.id)
      .execute();
    const res = await c.request({ method: 'GET', url: '/api/units' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({ code: 'unauthenticated', message: '请先登录' });
    const row = await t.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('ends a session past its absolute lifetime even while in use', async () => {
    const u = await createUser(t.db, { roles: ['leader'] });
    const c = await t.login(u.username, u.password);
    await t.db
      .updateTable('sessions')
      .set({ created_at: minutesAgo(ABSOLUTE * 60 + 1), expires_at: minutesAgo(1), last_seen_at: minutesAgo(0) })
      .where('user_id', '=', u.id)
      .execute();
    expect((await c.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
  });

  it('revokes the session on logout and audits it', async () => {
    const u = await createUser(t.db, { roles: ['approver'], units: ['下蜀镇'] });
    const c = await t.login(u.username, u.password);
    const res = await c.request({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((x) => x.name === 'innocity_sid')?.value).toBe('');
    await expectAudited(t.db, res, {
      action: 'logout',
      entityType: 'session',
      entityId: u.id,
      actorId: u.id,
      before: true,
      after: false,
    });
    expect((await c.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
    const row = await t.db
      .selectFrom('sessions')
      .select('revoked_at')
      .where('user_id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it('sets the session cookie httpOnly and SameSite=Lax', async () => {
    const u = await createUser(t.db, { roles: ['leader'] });
    const res = await login(u.username, u.password, '10.6.0.1');
    const cookie = res.cookies.find((x) => x.name === 'innocity_sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
  });
});
