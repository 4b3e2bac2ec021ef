import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../test/test-app.ts';

// PostgreSQL cannot store NUL in text and answered 500; now every route refuses it up front.
describe.each(TEST_DIALECTS)('NUL characters in input on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  it('refuses NUL in a body field, naming it, and stores nothing', async () => {
    const before = await t.db.selectFrom('plan_import_drafts').select('id').execute();
    const res = await admin.request({
      method: 'POST',
      url: '/api/plan-imports',
      payload: { text: '第一条\u0000', fileName: '方案.txt' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', message: '请求体有误：text 含有无效的空字符' });
    expect(await t.db.selectFrom('plan_import_drafts').select('id').execute()).toEqual(before);
  });

  it('refuses NUL in a path parameter and in a query', async () => {
    const param = await admin.request({ method: 'GET', url: '/api/plan-imports/%00' });
    expect(param.statusCode).toBe(400);
    expect(param.json().error.message).toContain('路径参数有误');
    const query = await admin.request({ method: 'GET', url: '/api/audit?action=%00' });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.message).toBe('查询参数有误：action 含有无效的空字符');
  });

  it('refuses NUL in the plan a read names, which the session lookup reads beside the session', async () => {
    for (const url of ['/api/plans/%00/indicators', '/api/plans/a%00b', '/api/timeliness?planId=%00']) {
      const res = await admin.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(/^(路径|查询)参数有误：planId 含有无效的空字符$/);
    }
  });
});
