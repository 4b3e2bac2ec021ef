import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, TEST_SECRET_KEY, type TestApp } from '../test/test-app.ts';
import { createUser } from '../test/factories.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { sqliteHandleOf, sqliteRateCountersOf } from '../db/connection.ts';
import { sqliteEpochNow } from '../db/sqlite-epoch.ts';
import { bucketOf } from './rate-limit.ts';

const LIMITS = { api: 20, signin: 3, password: 2, upload: 2, export: 2 };

/** Waits out the last seconds of a one-minute window, so a test's requests all fall in one window. */
async function freshWindow(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
}

/** Another app instance on the test app's database, with the given limits. */
const secondInstance = (t: TestApp, rateLimits: typeof LIMITS) =>
  buildApp({
    config: { ...loadConfig({ LOG_LEVEL: 'silent' }), rateLimits, secretKey: TEST_SECRET_KEY },
    database: { db: t.db, dialect: t.dialect, close: async () => undefined },
    logger: false,
  });

const health = (app: TestApp['app'], remoteAddress: string) =>
  app.inject({ method: 'GET', url: '/api/health', remoteAddress });

describe.each(TEST_DIALECTS)('rate limits on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { rateLimits: LIMITS } });
  });
  afterAll(() => t.close());

  const signIn = (username: string, password: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('refuses a user past the API limit with 429, Retry-After and a Chinese message, and no one else', async () => {
    const [a, b] = await Promise.all([
      createUser(t.db, { roles: ['office'] }),
      createUser(t.db, { roles: ['office'] }),
    ]);
    // Each client signs in from its own address, so the sign-in bucket stays out of the way.
    const ca = await signIn(a.username, a.password, '10.70.0.1');
    const cb = await signIn(b.username, b.password, '10.70.0.2');
    const cookie = (r: typeof ca) => `innocity_sid=${r.cookies.find((c) => c.name === 'innocity_sid')!.value}`;
    const get = (r: typeof ca) => t.app.inject({ method: 'GET', url: '/api/units', headers: { cookie: cookie(r) } });
    await freshWindow();
    // 50 at once: exactly the limit gets through, however the requests interleave.
    const burst = await Promise.all(Array.from({ length: 50 }, () => get(ca)));
    expect(burst.filter((r) => r.statusCode === 200)).toHaveLength(LIMITS.api);
    const refused = burst.find((r) => r.statusCode === 429)!;
    expect(refused.json().error).toMatchObject({ code: 'rate_limited' });
    expect(refused.json().error.message).toMatch(/^请求过于频繁（每分钟最多 20 次），请在 \d+ 秒后再试$/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await get(cb)).statusCode).toBe(200);
  });

  it('holds sign-in attempts from one address to the stricter limit, even with the right password', async () => {
    const u = await createUser(t.db, { roles: ['leader'] });
    const statuses = [];
    await freshWindow();
    for (let i = 0; i < LIMITS.signin; i++)
      statuses.push((await signIn(u.username, 'Wrong-Pass-2025!', '10.71.0.1')).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const blocked = await signIn(u.username, u.password, '10.71.0.1');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toContain('登录尝试过于频繁');
    expect((await signIn(u.username, u.password, '10.71.0.2')).statusCode).toBe(200);
  });

  it.runIf(dialect === 'sqlite')(
    'counts in a file of its own on SQLite, so counting leaves the session lookups kept',
    async () => {
      const u = await createUser(t.db, { roles: ['office'] });
      const login = await signIn(u.username, u.password, '10.73.0.1');
      const cookie = `innocity_sid=${login.cookies.find((c) => c.name === 'innocity_sid')!.value}`;
      const get = () => t.app.inject({ method: 'GET', url: '/api/units', headers: { cookie } });
      await freshWindow();
      expect((await get()).statusCode).toBe(200);
      // The main file's epoch: it moves with any write there, and a moved epoch reads every session afresh.
      const epoch = () => sqliteEpochNow(sqliteHandleOf(t.db)!);
      const before = epoch();
      const statuses = [];
      for (let i = 0; i < LIMITS.api + 1; i++) statuses.push((await get()).statusCode);
      expect(epoch()).toBe(before);
      // … and the requests were counted all the same: the 21st of the window is refused.
      expect(statuses.slice(0, LIMITS.api - 1).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(LIMITS.api - 1)).toEqual([429, 429]);
    },
  );

  it('shares the counters between two instances on one database', async () => {
    const second = await secondInstance(t, LIMITS);
    try {
      const statuses = [];
      await freshWindow();
      for (let i = 0; i < LIMITS.api + 2; i++)
        statuses.push((await health(i % 2 === 0 ? t.app : second, '10.72.0.1')).statusCode);
      expect(statuses.slice(0, LIMITS.api).every((s) => s === 200)).toBe(true);
      expect(statuses.slice(LIMITS.api)).toEqual([429, 429]);
    } finally {
      await second.close();
    }
  });
});

describe.each(TEST_DIALECTS)('rate limits high enough to count in blocks, on %s', (dialect) => {
  // A fiftieth of 1,000: each instance takes up to 20 numbers from the shared count at a time.
  const HIGH = { ...LIMITS, api: 1000 };
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { rateLimits: HIGH } });
  });
  afterAll(() => t.close());

  it('lets exactly the limit through one instance, however many requests come at once', async () => {
    await freshWindow();
    const burst = await Promise.all(Array.from({ length: 1100 }, () => health(t.app, '10.74.0.1')));
    expect(burst.filter((r) => r.statusCode === 200)).toHaveLength(HIGH.api);
    expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(100);
  });

  it('never lets more than the limit through two instances at once, and refuses at most a block early', async () => {
    const second = await secondInstance(t, HIGH);
    try {
      await freshWindow();
      const burst = await Promise.all(
        Array.from({ length: 1200 }, (_, i) => health(i % 2 === 0 ? t.app : second, '10.74.0.2')),
      );
      const passed = burst.filter((r) => r.statusCode === 200).length;
      expect(passed).toBeLessThanOrEqual(HIGH.api);
      // The numbers the other instance took and did not hand out: fewer than one block of 20.
      expect(passed).toBeGreaterThan(HIGH.api - 20);
      expect(burst.filter((r) => r.statusCode !== 200).every((r) => r.statusCode === 429)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it.runIf(dialect === 'sqlite')(
    'writes the shared count once per block, and the count covers every request',
    async () => {
      const counters = sqliteRateCountersOf(t.db)!;
      const writes = () => (counters.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      await freshWindow();
      const before = writes();
      for (let i = 0; i < 300; i++) expect((await health(t.app, '10.74.0.3')).statusCode).toBe(200);
      // Blocks of 1, 2, 4, 8 and 16 (31 numbers), then 14 of 20: 19 writes for 300 requests, not 300.
      expect(writes() - before).toBe(19);
      const row = counters.prepare('SELECT hits FROM rate_limits WHERE key = ?').get('api:ip:10.74.0.3') as {
        hits: number;
      };
      expect(row.hits).toBeGreaterThanOrEqual(300);
      expect(row.hits).toBeLessThan(300 + 20);
    },
  );
});

describe('which bucket a request counts against', () => {
  it('puts sign-in, password change, uploads and downloads in their stricter buckets', () => {
    expect(bucketOf('POST', '/api/auth/login', 'application/json')).toBe('signin');
    expect(bucketOf('POST', '/api/auth/password', 'application/json')).toBe('password');
    expect(bucketOf('POST', '/api/submissions/:submissionId/attachments', 'multipart/form-data; boundary=x')).toBe(
      'upload',
    );
    expect(bucketOf('GET', '/api/audit/export', undefined)).toBe('export');
    expect(bucketOf('GET', '/api/plans/:planId/ledgers/:typeCode/export.xlsx', undefined)).toBe('export');
    expect(bucketOf('GET', '/api/plans/:planId/ledgers/:typeCode/template.xlsx', undefined)).toBe('export');
    expect(bucketOf('GET', '/api/rounds/:roundId/units/export', undefined)).toBe('export');
    expect(bucketOf('GET', '/api/plans/:planId/indicators/export', undefined)).toBe('export');
    expect(bucketOf('GET', '/api/bulletins/:bulletinId/files/:kind', undefined)).toBe('export');
    expect(bucketOf('GET', '/api/attachments/:attachmentId', undefined)).toBe('export');
    expect(bucketOf('GET', '/api/units', undefined)).toBe('api');
    expect(bucketOf('GET', '/api/health', undefined)).toBe('api');
  });
});
