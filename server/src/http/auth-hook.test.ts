import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test/test-app.ts';
import { createUser } from '../test/factories.ts';
import { ConfigError, loadConfig, parseTrustProxy } from '../config.ts';

// The hook decides on the route the router matched: spellings of a private URL that the router
// still maps onto it must meet the same refusal as the plain URL.
describe.each(TEST_DIALECTS)('routing-level sign-in check on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  it.each([
    '/api/units',
    '/%61pi/units',
    '/api/%75nits',
    '/%61%70%69/%75%6e%69%74%73',
    '//api/units',
    '/api//units',
    '/api/units/',
    '/api/units?x=/api/health',
    '/API/units',
  ])('refuses %s without a session and never answers it with data', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    // A spelling the router does not map onto the API falls to the web app's shell (or its
    // "not built" notice), which holds no data.
    if (![401, 404].includes(res.statusCode)) expect(res.headers['content-type']).toMatch(/^text\/(html|plain)/);
    expect(res.body).not.toContain('市科技局');
  });

  it('answers the encoded spelling like the plain one once signed in, so the test above would see a leak', async () => {
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const plain = await admin.request({ method: 'GET', url: '/api/units' });
    const encoded = await admin.request({ method: 'GET', url: '/%61pi/units' });
    expect(plain.statusCode).toBe(200);
    expect(encoded.statusCode).toBe(200);
    expect(encoded.body).toContain('市科技局');
  });

  it('refuses a state change through an encoded URL without the CSRF token', async () => {
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: '/%61pi/auth/logout',
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_failed');
  });
});

describe('INNOCITY_TRUST_PROXY', () => {
  it('is off by default and reads a hop count or a list of addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ INNOCITY_SECURE_COOKIES: 'true' }).trustProxy).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 192.168.1.0/24,::1')).toEqual(['10.0.0.5', '192.168.1.0/24', '::1']);
  });

  it.each(['true', 'proxy.local', '10.0.0.300', '10.0.0.0/33', '11'])('refuses %s with a Chinese message', (value) => {
    expect(() => loadConfig({ INNOCITY_TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ INNOCITY_TRUST_PROXY: value })).toThrow(/INNOCITY_TRUST_PROXY 应为代理层数/);
  });
});

describe.each(TEST_DIALECTS)('client address behind proxies on %s', (dialect) => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });
  const appWith = async (trustProxy: false | number | string[]) => {
    const a = await createTestApp(dialect, { config: { trustProxy, secureCookies: true } });
    apps.push(a);
    return a;
  };
  /** Signs in with a wrong password and returns the address the audit log recorded for it. */
  const auditedAddress = async (t: TestApp, remoteAddress: string, xff?: string) => {
    const u = await createUser(t.db, { roles: ['office'] });
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: 'Wrong-Pass-2025!' },
      remoteAddress,
      headers: xff ? { 'x-forwarded-for': xff } : {},
    });
    const row = await t.db
      .selectFrom('audit_logs')
      .select('ip')
      .where('action', '=', 'login_failed')
      .where('entity_id', '=', u.id)
      .executeTakeFirstOrThrow();
    return row.ip;
  };

  it('uses the socket address when no proxy is trusted, even with secure cookies and a forged header', async () => {
    const t = await appWith(false);
    expect(await auditedAddress(t, '203.0.113.7')).toBe('203.0.113.7');
    expect(await auditedAddress(t, '203.0.113.7', '1.2.3.4')).toBe('203.0.113.7');
  });

  it('takes the client from one trusted hop and ignores what the client forged in front of it', async () => {
    const t = await appWith(1);
    expect(await auditedAddress(t, '10.0.0.5', '198.51.100.20')).toBe('198.51.100.20');
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(await auditedAddress(t, '10.0.0.5', '1.2.3.4, 198.51.100.20')).toBe('198.51.100.20');
  });

  it('believes the header only from a listed proxy', async () => {
    const t = await appWith(['10.0.0.0/24']);
    expect(await auditedAddress(t, '10.0.0.5', '198.51.100.30')).toBe('198.51.100.30');
    expect(await auditedAddress(t, '203.0.113.9', '198.51.100.30')).toBe('203.0.113.9');
  });

  it('locks an address that forges a new X-Forwarded-For on each attempt', async () => {
    const t = await appWith(1);
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser(t.db, { roles: ['leader'] })));
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: users[i % 5]!.username, password: `Wrong-${i}-Pass!` },
        remoteAddress: '10.0.0.5',
        headers: { 'x-forwarded-for': `1.1.1.${i}, 198.51.100.40` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.at(-1)).toBe(423);
    const throttle = await t.db
      .selectFrom('login_throttles')
      .select('failures')
      .where('key', '=', 'ip:198.51.100.40')
      .executeTakeFirst();
    expect(throttle?.failures).toBeGreaterThanOrEqual(20);
  });
});
