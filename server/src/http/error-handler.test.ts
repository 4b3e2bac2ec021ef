import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { BODY_LIMIT } from '../app.ts';

// Routes that fail on purpose, added only to this test's app before it starts.
describe('what a client sees when the server fails', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    t.app.get('/api/test/throws', { config: { public: true } }, async () => {
      throw new Error('SELECT secret FROM users WHERE id = 42 at /work/main/server/src/x.ts:12');
    });
    t.app.get('/api/test/throws-status', { config: { public: true } }, async () => {
      throw Object.assign(new Error('upstream db pool exhausted'), { statusCode: 503 });
    });
    t.app.get('/api/test/throws-string', { config: { public: true } }, async () => {
      throw 'a bare string';
    });
  });
  afterAll(() => t.close());

  it.each(['/api/test/throws', '/api/test/throws-status', '/api/test/throws-string'])(
    'answers %s with a bare Chinese 500, no stack or message',
    async (url) => {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal', message: '服务器内部错误，请联系管理员' } });
      expect(res.body).not.toMatch(/secret|\.ts:|at |stack|pool|bare string/);
      expect(res.headers['x-request-id']).toBeTruthy();
    },
  );

  it('refuses a body over the limit with 413 and the error body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(BODY_LIMIT) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'payload_too_large', message: '提交的内容过大' } });
  });
});
