import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { newSqlite } from './connection.ts';
import { cachePreparedStatements } from './statement-cache.ts';

describe('SQLite statements prepared once per SQL text', () => {
  const open = () => {
    const db = newSqlite(':memory:');
    cachePreparedStatements(db, 2);
    db.exec('create table t (id integer primary key, name text)');
    db.prepare('insert into t (name) values (?), (?), (?)').run('a', 'b', 'c');
    return db;
  };

  it('reuses the statement of the same text and gives the same answers', () => {
    const db = open();
    const q = 'select name from t where id = ?';
    expect(db.prepare(q)).toBe(db.prepare(q));
    expect(db.prepare(q).get(2)).toEqual({ name: 'b' });
    expect(db.prepare(q).get(3)).toEqual({ name: 'c' });
  });

  it('prepares a fresh statement while the cached one is still being iterated', () => {
    const db = open();
    const q = 'select name from t order by id';
    const outer = db.prepare(q).iterate() as IterableIterator<{ name: string }>;
    expect(outer.next().value).toEqual({ name: 'a' });
    // The same text while the first is mid-iteration: without the busy check this throws.
    expect(db.prepare(q).all()).toEqual([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    expect([...outer].map((r) => r.name)).toEqual(['b', 'c']);
  });

  it('keeps at most the given number of statements, dropping the least recently used', () => {
    const db = open();
    const a = db.prepare('select 1 as x');
    db.prepare('select 2 as x');
    db.prepare('select 1 as x');
    db.prepare('select 3 as x'); // drops "select 2"
    expect(db.prepare('select 1 as x')).toBe(a);
    expect(db.prepare('select 2 as x').get()).toEqual({ x: 2 });
  });

  it('sees a column added after the statement was first prepared', () => {
    const db = open();
    expect(db.prepare('select * from t where id = 1').get()).toEqual({ id: 1, name: 'a' });
    db.exec("alter table t add column region text default 'x'");
    expect(db.prepare('select * from t where id = 1').get()).toEqual({ id: 1, name: 'a', region: 'x' });
  });

  // What a ledger import does through Kysely: the same insert text row after row, in a
  // transaction that may fail half-way and roll back, then the same texts again in the next one.
  it('reuses statements across transactions, after one failed and rolled back, and with returning', async () => {
    const sqlite = open();
    sqlite.exec('create unique index t_name on t (name)');
    const db = new Kysely<{ t: { id?: number; name: string } }>({ dialect: new SqliteDialect({ database: sqlite }) });
    const insert = (trx: typeof db, name: string) =>
      trx.insertInto('t').values({ name }).returning('id').executeTakeFirstOrThrow();
    const names = () => db.selectFrom('t').select('name').orderBy('id').execute();

    await expect(
      db.transaction().execute(async (trx) => {
        await insert(trx, 'd');
        await insert(trx, 'a'); // a duplicate: the statement fails mid-transaction
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect((await names()).map((r) => r.name)).toEqual(['a', 'b', 'c']);

    const ids = await db.transaction().execute(async (trx) => [await insert(trx, 'd'), await insert(trx, 'e')]);
    expect(ids[0]!.id).not.toBe(ids[1]!.id);
    expect((await names()).map((r) => r.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    await db.destroy();
  });
});
