import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase, type DbHandle } from './connection.ts';
import { copyData, copyLine, copyStatement } from './pg-copy.ts';
import { createTestDatabase, type TestDatabase } from '../test/databases.ts';

describe('a row in COPY text format', () => {
  it('separates fields by tabs, writes null as \\N and escapes what the format gives a meaning', () => {
    expect(copyLine(['a', 1, null, undefined, ''])).toBe('a\t1\t\\N\t\\N\t\n');
    expect(copyLine(['x\ty', 'l1\nl2\r', 'C:\\N\\d'])).toBe('x\\ty\tl1\\nl2\\r\tC:\\\\N\\\\d\n');
    expect(
      copyData([
        ['园', null],
        ['😀', 2],
      ]).toString('utf8'),
    ).toBe('园\t\\N\n😀\t2\n');
  });
});

// What a COPY through Kysely must guarantee on PostgreSQL: every text back as it went in, the
// caller's transaction honoured, and a failed COPY an error like any statement's, the connection
// usable afterwards.
describe.skipIf(!process.env.TEST_PG_URL)('COPY through Kysely on PostgreSQL', () => {
  let testDb: TestDatabase;
  let handle: DbHandle;
  const COPY = copyStatement('copy_probe', ['id', 'body', 'doc', 'n']);
  const copy = (rows: (string | number | null)[][]) => CompiledQuery.raw(COPY, [copyData(rows)]);
  const stored = () =>
    sql<{ id: string; body: string | null; doc: unknown; n: number | null }>`
    SELECT id, body, doc, n FROM copy_probe ORDER BY id`.execute(handle.db);

  beforeAll(async () => {
    testDb = await createTestDatabase('postgres');
    handle = await openDatabase(testDb.config);
    await sql`CREATE TABLE copy_probe (id text PRIMARY KEY, body text, doc jsonb, n integer)`.execute(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  it('gives back every text as it was sent: tabs, line breaks, backslashes, \\N as text, empty, null, emoji', async () => {
    const texts = ['a\tb', 'l1\nl2\r\nl3', 'C:\\科创\\N公司', '\\N', '', '引号"\' 😀 \\\\ end\\'];
    const doc = JSON.stringify({ note: 'x\ny\t"q"\\', n: 1.5 });
    const rows: (string | number | null)[][] = texts.map((body, i) => [`r${i}`, body, doc, i]);
    rows.push(['rnull', null, null, null]);
    const result = await handle.db.executeQuery(copy(rows));
    expect(result.rows).toEqual([]);
    expect((await stored()).rows).toEqual([
      ...texts.map((body, i) => ({ id: `r${i}`, body, doc: JSON.parse(doc), n: i })),
      { id: 'rnull', body: null, doc: null, n: null },
    ]);
  });

  it("keeps nothing of a COPY whose transaction rolls back, and keeps a committed one's rows", async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx.executeQuery(copy([['t-rolled', 'x', null, null]]));
        expect((await sql`SELECT 1 FROM copy_probe WHERE id = 't-rolled'`.execute(trx)).rows).toHaveLength(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await handle.db.transaction().execute((trx) => trx.executeQuery(copy([['t-kept', 'y', null, null]])));
    const ids = (await stored()).rows.map((r) => r.id);
    expect(ids).toContain('t-kept');
    expect(ids).not.toContain('t-rolled');
  });

  it('fails as a statement does (the constraint named, nothing of the COPY kept) and the connection goes on', async () => {
    const before = (await stored()).rows;
    await handle.db.connection().execute(async (conn) => {
      const err = await conn
        .executeQuery(
          copy([
            ['dup-new', 'x', null, null],
            ['r0', 'dup', null, null],
          ]),
        )
        .catch((e) => e);
      expect(err).toMatchObject({ code: '23505', constraint: 'copy_probe_pkey' });
      // Malformed data (a text where an integer goes) is refused by the server the same way.
      const bad = await conn.executeQuery(CompiledQuery.raw(COPY, ['bad\tx\t\\N\tnot-a-number\n'])).catch((e) => e);
      expect(bad).toMatchObject({ code: '22P02' });
      expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(conn)).rows).toEqual([{ one: 1 }]);
    });
    expect((await stored()).rows).toEqual(before);
  });
});
