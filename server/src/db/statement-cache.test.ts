import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cachePreparedStatements } from './statement-cache.ts';

describe('SQLite statements prepared once per SQL text', () => {
  const open = () => {
    const db = new SQLite(':memory:');
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
});
