import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { createUser } from '../test/factories.ts';
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES } from '../modules/auth/auth.service.ts';

// Wrong passwords fired all at once, as a guessing script would: every one must be counted and
// audited, none may fail with a 500 (a read-then-write throttle lost counts on PostgreSQL).
describe.each(TEST_DIALECTS)('parallel sign-in failures on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t.close());

  const throttle = (key: string) =>
    t.db.selectFrom('login_throttles').selectAll().where('key', '=', key).executeTakeFirst();
  const auditedFailures = (userId: string) =>
    t.db
      .selectFrom('audit_logs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'login_failed')
      .where('entity_id', '=', userId)
      .executeTakeFirstOrThrow();

  it('counts and audits every one of 60 wrong passwords sent at once to one account', async () => {
    const u = await createUser(t.db, { roles: ['office'] });
    const attempts = 60;
    const responses = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: u.username, password: `Wrong-${i}-Pass!` },
          remoteAddress: `10.60.${Math.floor(i / 200)}.${i % 200}`,
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s !== 401 && s !== 423)).toEqual([]);
    const row = await throttle(`user:${u.username.toLowerCase()}`);
    const { n } = await auditedFailures(u.id);
    // Attempts that arrive after the lock is set are refused before the password is checked and
    // are not failures; every attempt that was checked is counted once and audited once.
    const refusedBeforeCheck = attempts - Number(n);
    expect(row?.failures).toBe(Number(n));
    expect(Number(n)).toBeGreaterThanOrEqual(ACCOUNT_MAX_FAILURES);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_MAX_FAILURES - 1);
    expect(statuses.filter((s) => s === 423)).toHaveLength(refusedBeforeCheck + Number(n) - (ACCOUNT_MAX_FAILURES - 1));
    expect(row?.locked_until && Date.parse(row.locked_until) > Date.now()).toBe(true);
    // The account is locked: even the right password is refused now.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u.username, password: u.password },
      remoteAddress: '10.61.0.1',
    });
    expect(right.statusCode).toBe(423);
  });

  it('locks one address after its failures across many accounts sent at once', async () => {
    const users = await Promise.all(Array.from({ length: 10 }, () => createUser(t.db, { roles: ['leader'] })));
    const attempts = 50;
    const responses = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: users[i % users.length]!.username, password: `Wrong-${i}-Pass!` },
          remoteAddress: '10.62.0.1',
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).filter((s) => s !== 401 && s !== 423)).toEqual([]);
    const row = await throttle('ip:10.62.0.1');
    const audited = await t.db
      .selectFrom('audit_logs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'login_failed')
      .where('ip', '=', '10.62.0.1')
      .executeTakeFirstOrThrow();
    expect(row?.failures).toBe(Number(audited.n));
    expect(row!.failures).toBeGreaterThanOrEqual(ADDRESS_MAX_FAILURES);
    const fresh = await createUser(t.db, { roles: ['inspector'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: fresh.username, password: fresh.password },
      remoteAddress: '10.62.0.1',
    });
    expect(res.statusCode).toBe(423);
  });
});
