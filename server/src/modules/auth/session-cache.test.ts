import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser } from '../../test/factories.ts';

/**
 * A signed-in request resolves its actor from a cache of each user's grants, keyed by the data
 * version the database moves with every grant write: every change below shows on the very next
 * request, written straight to the database as another app instance would write it.
 */
describe.each(TEST_DIALECTS)('the resolved actor stays current on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  const me = async (c: Client) => {
    const res = await c.request({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(200);
    return res.json().user as { roles: string[]; units: { id: string; name: string }[]; displayName: string } | null;
  };
  const unitId = async (db: Db, name: string) =>
    (await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  it('a role granted or taken, a unit assigned or renamed, a name changed: the next request shows it', async () => {
    const u = await createUser(t.db, { roles: ['reporter'], units: ['下蜀镇'] });
    const c = await t.login(u.username, u.password);
    expect((await me(c))!.roles).toEqual(['reporter']);
    expect(await me(c)).toMatchObject({ roles: ['reporter'], units: [{ name: '下蜀镇' }] }); // from the cache

    await t.db.insertInto('user_roles').values({ user_id: u.id, role: 'admin', region_id: null }).execute();
    expect((await me(c))!.roles).toEqual(['admin', 'reporter']);
    // Refused and allowed by the fresh grants: an admin may list users, a reporter may not.
    expect((await c.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
    await t.db.deleteFrom('user_roles').where('user_id', '=', u.id).where('role', '=', 'admin').execute();
    expect((await me(c))!.roles).toEqual(['reporter']);
    expect((await c.request({ method: 'GET', url: '/api/users' })).statusCode).toBe(403);

    const other = await unitId(t.db, '白兔镇');
    await t.db.insertInto('user_units').values({ user_id: u.id, unit_id: other }).execute();
    expect((await me(c))!.units.map((x) => x.name).sort()).toEqual(['下蜀镇', '白兔镇'].sort());
    await sql`UPDATE units SET name = ${'白兔镇（新）'} WHERE id = ${other}`.execute(t.db);
    expect((await me(c))!.units.map((x) => x.name)).toContain('白兔镇（新）');
    await sql`UPDATE units SET name = ${'白兔镇'} WHERE id = ${other}`.execute(t.db);

    await t.db.updateTable('users').set({ display_name: '改名后' }).where('id', '=', u.id).execute();
    expect((await me(c))!.displayName).toBe('改名后');
  });

  it('a disabled account and a revoked session are refused on the very next request', async () => {
    const a = await createUser(t.db, { roles: ['leader'] });
    const b = await createUser(t.db, { roles: ['leader'] });
    const ca = await t.login(a.username, a.password);
    const cb = await t.login(b.username, b.password);
    expect((await ca.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(200);
    expect((await cb.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(200);
    await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', a.id).execute();
    expect((await ca.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
    await t.db
      .updateTable('sessions')
      .set({ revoked_at: new Date().toISOString() })
      .where('user_id', '=', b.id)
      .execute();
    expect((await cb.request({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
  });
});
