import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { precompiled } from './precompiled.ts';

describe.each(TEST_DIALECTS)('a query compiled once, run with new values, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  const unitByName = precompiled(['name', 'other'], (db, p) =>
    db
      .selectFrom('units')
      .select(['id', 'name'])
      .where((eb) => eb.or([eb('name', '=', p.name), eb('name', '=', p.other)]))
      .orderBy('name'),
  );

  it('answers each call for its own values, bound as parameters (quotes stay data)', async () => {
    const [a, b] = (await t.db.selectFrom('units').select('name').orderBy('name').limit(2).execute()).map(
      (u) => u.name,
    );
    expect((await unitByName(t.db, { name: a!, other: a! })).map((u) => u.name)).toEqual([a]);
    expect((await unitByName(t.db, { name: b!, other: a! })).map((u) => u.name)).toEqual([a, b].sort());
    expect(await unitByName(t.db, { name: "x' or '1'='1", other: 'none' })).toEqual([]);
  });

  it('inside a transaction sees the transaction’s own writes', async () => {
    const name = await t.db.transaction().execute(async (trx) => {
      const u = await trx.selectFrom('units').select(['id', 'name']).limit(1).executeTakeFirstOrThrow();
      await trx.updateTable('units').set({ name: '预编译测试单位' }).where('id', '=', u.id).execute();
      const seen = await unitByName(trx, { name: '预编译测试单位', other: '预编译测试单位' });
      await trx.updateTable('units').set({ name: u.name }).where('id', '=', u.id).execute();
      return seen.map((r) => r.name);
    });
    expect(name).toEqual(['预编译测试单位']);
  });
});

describe.runIf(TEST_DIALECTS.includes('postgres'))('a precompiled query on PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('postgres');
  });
  afterAll(() => t?.close());

  const unitNamed = precompiled(['name'], (db, p) => db.selectFrom('units').select('name').where('name', '=', p.name));

  it('is a named statement prepared once on its connection, other queries are not', async () => {
    const prepared = await t.db.connection().execute(async (conn) => {
      const name = (await conn.selectFrom('units').select('name').limit(1).executeTakeFirstOrThrow()).name;
      for (let i = 0; i < 3; i++) expect(await unitNamed(conn, { name })).toEqual([{ name }]);
      expect(await unitNamed(conn, { name: 'none' })).toEqual([]);
      return sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn);
    });
    const texts = prepared.rows.map((r) => r.statement);
    expect(texts.filter((s) => s.includes('"units"'))).toHaveLength(1);
    expect(texts.some((s) => s.includes('limit'))).toBe(false);
  });
});
