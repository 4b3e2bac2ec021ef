import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { accountWords, strengthProblem } from './password-strength.ts';

describe('guessable passwords', () => {
  it('spells a Chinese name in pinyin, whole, by initials and by given name', () => {
    expect(accountWords(['zhao-01', '赵明亮'])).toEqual(['zhao-01', '赵明亮', 'zhaomingliang', 'zml', 'mingliang']);
  });

  it.each(['Password123', 'Password123!', 'Qwer1234!@#$', 'Woaini@2025', 'Zhongguo@1949', 'Aa123456789!'])(
    'refuses %s, which passes the composition rules',
    (pw) => expect(strengthProblem(pw, [])).toMatch(/过于常见或容易猜到/),
  );

  it.each(['Zhaomingliang2025!', 'Mingliang@2025'])('refuses %s for 赵明亮, built from the name', (pw) =>
    expect(strengthProblem(pw, ['zhao-01', '赵明亮'])).not.toBeNull(),
  );

  it('accepts a long irregular password and the same pinyin password for someone else', () => {
    expect(strengthProblem('Kx7#mP2$vL9q', ['zhao-01', '赵明亮'])).toBeNull();
    expect(strengthProblem('Zhaomingliang2025!', ['qian-02', '钱多多'])).toBeNull();
  });
});

describe.each(TEST_DIALECTS)('password strength through the API on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  it('refuses a new account whose initial password is its pinyin name, naming the field, and stores nothing', async () => {
    const before = await t.db.selectFrom('users').select('id').execute();
    const res = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'sun-03',
        displayName: '孙晓燕',
        initialPassword: 'Sunxiaoyan@2025',
        roles: ['office'],
        unitIds: [],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      { path: 'initialPassword', message: '密码过于容易猜到：包含了本人的用户名或姓名（含拼音），请换一个' },
    ]);
    expect(await t.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses Password123! as a new own password', async () => {
    const res = await admin.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: TEST_ADMIN_PASSWORD, newPassword: 'Password123!' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('新密码不符合要求');
    expect((await t.login('admin', TEST_ADMIN_PASSWORD)).csrfToken).toBeTruthy();
  });
});
