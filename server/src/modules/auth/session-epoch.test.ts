import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../../db/connection.ts';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { nowIso } from '../../time.ts';
import { jurongPlanId } from '../ledgers/ledger-test-kit.ts';
import { resolveSession } from './auth.service.ts';

/**
 * On SQLite the session's lookup is answered from memory while the database's epoch (data_version,
 * total_changes) is unchanged (db/sqlite-epoch.ts). Each request below follows a request that was
 * just answered the same way (so a kept answer exists) and a write: the very next request must see
 * the write, whoever made it — this app, a second connection to the same file (another process).
 * Run on PostgreSQL too: the same answers, by its query per request.
 */
describe.each(TEST_DIALECTS)('session lookups see every write at once on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let other: DbHandle;
  const policy = { idleMinutes: 120, absoluteHours: 12, timeZone: 'Asia/Shanghai' };
  const tokenOf = (c: Client) => decodeURIComponent(c.cookie.slice(c.cookie.indexOf('=') + 1));
  const status = async (c: Client, url = '/api/units') => (await c.request({ method: 'GET', url })).statusCode;
  const me = async (c: Client) => (await c.request({ method: 'GET', url: '/api/auth/me' })).json().user;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    // A second connection to the same database: what another process (or instance) writes through.
    other = await openDatabase(t.config.database);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('a session revoked by an admin, by logout, by a password change: refused on the next request', async () => {
    const u = await createUser(t.db, { roles: ['reporter'], units: ['下蜀镇'] });
    const [a, b] = [await t.login(u.username, u.password), await t.login(u.username, u.password)];
    expect([await status(a), await status(a), await status(b)]).toEqual([200, 200, 200]);
    const reset = await admin.request({
      method: 'POST',
      url: `/api/users/${u.id}/password-reset`,
      payload: { temporaryPassword: 'Lin-Shi-2025!' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect([await status(a), await status(b)]).toEqual([401, 401]);

    const v = await createUser(t.db, { roles: ['reporter'] });
    const [c, d] = [await t.login(v.username, v.password), await t.login(v.username, v.password)];
    expect([await status(c), await status(c), await status(d), await status(d)]).toEqual([200, 200, 200, 200]);
    const change = await c.request({
      method: 'POST',
      url: '/api/auth/password',
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'Xin-Mima-2025!' },
    });
    expect(change.statusCode, change.body).toBe(200);
    expect(await status(d)).toBe(401); // the other session of the user
    expect(await status(c)).toBe(200); // the caller's own is kept
    expect((await c.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect(await status(c)).toBe(401);
  });

  it('a role granted or withdrawn shows on the next request', async () => {
    const u = await createUser(t.db, { roles: ['reporter'], units: ['下蜀镇'] });
    const c = await t.login(u.username, u.password);
    expect((await me(c)).roles).toEqual(['reporter']);
    expect(await status(c, '/api/users')).toBe(403);
    await t.db.insertInto('user_roles').values({ user_id: u.id, role: 'admin', region_id: null }).execute();
    expect(await status(c, '/api/users')).toBe(200);
    await t.db.deleteFrom('user_roles').where('user_id', '=', u.id).where('role', '=', 'admin').execute();
    expect(await status(c, '/api/users')).toBe(403);
  });

  it('a write by a second connection to the same database is seen by the next request', async () => {
    const u = await createUser(t.db, { roles: ['reporter'] });
    const c = await t.login(u.username, u.password);
    expect([await status(c), await status(c)]).toEqual([200, 200]);
    await other.db.updateTable('users').set({ display_name: '另一进程改名' }).where('id', '=', u.id).execute();
    expect((await me(c)).displayName).toBe('另一进程改名');
    await other.db.insertInto('user_roles').values({ user_id: u.id, role: 'admin', region_id: null }).execute();
    expect(await status(c, '/api/users')).toBe(200);
    await other.db.updateTable('sessions').set({ revoked_at: nowIso() }).where('user_id', '=', u.id).execute();
    expect(await status(c)).toBe(401);
  });

  it('a plan write (a target, by either connection) moves the plan version read with the session', async () => {
    const planId = await jurongPlanId(t.db);
    const u = await createUser(t.db, { roles: ['office'] });
    const token = tokenOf(await t.login(u.username, u.password));
    const version = async () => (await resolveSession(t.db, token, nowIso(), policy, planId))!.plan!.found!.version;
    const v1 = await version();
    expect(await version()).toBe(v1);
    await sql`UPDATE indicators SET target_value = target_value + 1 WHERE plan_id = ${planId}`.execute(t.db);
    const v2 = await version();
    expect(v2).not.toBe(v1);
    await sql`UPDATE indicators SET target_value = target_value + 1 WHERE plan_id = ${planId}`.execute(other.db);
    expect(await version()).not.toBe(v2);
  });

  it('keeps nothing read inside a transaction that is rolled back', async () => {
    const u = await createUser(t.db, { roles: ['reporter'] });
    const token = tokenOf(await t.login(u.username, u.password));
    expect(await resolveSession(t.db, token, nowIso(), policy)).toBeDefined();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.updateTable('sessions').set({ revoked_at: nowIso() }).where('user_id', '=', u.id).execute();
        expect(await resolveSession(trx, token, nowIso(), policy)).toBeUndefined();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await resolveSession(t.db, token, nowIso(), policy)).toBeDefined();
  });

  it('a request arriving while another request’s transaction is open sees only what it commits', async () => {
    const u = await createUser(t.db, { roles: ['reporter'] });
    const c = await t.login(u.username, u.password);
    expect([await status(c), await status(c)]).toEqual([200, 200]);
    // Runs `write` in a transaction held open until a request made meanwhile has had every chance to
    // be answered (the event loop turned over several times: no clock), then commits or rolls back.
    const during = async (write: (trx: typeof t.db) => Promise<unknown>, commit: boolean) => {
      let written!: () => void;
      let release!: () => void;
      const wrote = new Promise<void>((r) => (written = r));
      const gate = new Promise<void>((r) => (release = r));
      const txn = t.db
        .transaction()
        .execute(async (trx) => {
          await write(trx);
          written();
          await gate;
          if (!commit) throw new Error('rolled back');
        })
        .catch((err: Error) => {
          if (err.message !== 'rolled back') throw err;
        });
      await wrote;
      const answer = c.request({ method: 'GET', url: '/api/units' });
      for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
      release();
      await txn;
      return (await answer).statusCode;
    };
    const revoke = (trx: typeof t.db) =>
      trx.updateTable('sessions').set({ revoked_at: nowIso() }).where('user_id', '=', u.id).execute();
    // An uncommitted revocation that is rolled back never refuses anyone …
    expect(await during(revoke, false)).toBe(200);
    expect(await status(c)).toBe(200);
    // … and a committed one refuses the next request. The one made meanwhile: on SQLite it waits for
    // the one connection and sees the commit. On PostgreSQL it reads whatever is committed when its
    // query reaches the server — before the commit or after it, depending on the machine's load
    // (it once took longer than the 20 turns above): either answer is right there.
    const meanwhile = await during(revoke, true);
    if (dialect === 'sqlite') expect(meanwhile).toBe(401);
    else expect([200, 401]).toContain(meanwhile);
    expect(await status(c)).toBe(401);
  });

  it('decides idle and absolute expiry per request from the clock, answer kept or not', async () => {
    const u = await createUser(t.db, { roles: ['reporter'] });
    const token = tokenOf(await t.login(u.username, u.password));
    const now = Date.now();
    expect(await resolveSession(t.db, token, new Date(now).toISOString(), policy)).toBeDefined();
    expect(await resolveSession(t.db, token, new Date(now).toISOString(), policy)).toBeDefined();
    const idle = new Date(now + (policy.idleMinutes + 1) * 60_000).toISOString();
    expect(await resolveSession(t.db, token, idle, policy)).toBeUndefined();
  });
});
