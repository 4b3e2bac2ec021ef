import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

describe.each(TEST_DIALECTS)('system info on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it('tells anyone whether the data is demo data, the time zone and the version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/system' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      demo: false,
      timeZone: 'Asia/Shanghai',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });
});
