import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldIssue } from '@innocity/shared/errors';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId, multipartBody, workbookBuffer } from './ledger-test-kit.ts';

// The import validates and writes 2,000 rows a batch (SQLite: two 1,000-row statements) inside
// one transaction: files that straddle those boundaries must still be all or nothing, and store
// every value exactly as typed.
const BATCH = 2000;
const HEADER = ['证书编号', '企业名称', '统一社会信用代码', '所在镇（街道、园区）', '发证日期'];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const cert = (no: string, company = `句容${no}有限公司`, certifiedOn: unknown = day('2023-05-10')) => [
  no,
  company,
  null,
  null,
  certifiedOn,
];
const certs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => cert(`${prefix}-${i + 1}`));

describe.each(TEST_DIALECTS)('ledger import across batch boundaries on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let reporter: Client;

  const live = async (prefix: string) =>
    t.db
      .selectFrom('ledger_rows')
      .select(['natural_key', 'data', 'search_text'])
      .where('natural_key', 'like', `%${prefix}-%`)
      .where('deleted_at', 'is', null)
      .execute();
  const upload = async (rows: unknown[][]) =>
    reporter.request({
      method: 'POST',
      url: `${base}/import`,
      ...multipartBody('高企.xlsx', await workbookBuffer(HEADER, rows)),
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/plans/${await jurongPlanId(t.db)}/ledgers/high-tech-enterprises`;
    const a = await actorWith(t.db, ['reporter'], ['市科技局']);
    reporter = await t.login(a.username, a.password);
  });
  afterAll(() => t.close());

  it('writes nothing when the only bad row is in the second batch, after the first was written', async () => {
    const rows = certs('BAD2', BATCH + 600);
    // Row 2 of the sheet is the first data row: data row BATCH + 300 sits in the second batch.
    rows[BATCH + 299] = cert('BAD2-x', '', day('2023-05-10'));
    const res = await upload(rows);
    expect(res.statusCode).toBe(400);
    const error = res.json().error as { message: string; details: { issues: FieldIssue[] } };
    expect(error.message).toMatch(/^导入失败，未写入任何数据：1 行有误/);
    expect(error.details.issues).toEqual([
      expect.objectContaining({
        row: BATCH + 301,
        column: 'B',
        message: `第 ${BATCH + 301} 行 B 列：企业名称：必填项为空`,
      }),
    ]);
    expect(await live('BAD2')).toEqual([]);
  });

  it('writes nothing when a duplicate key in the second batch repeats a row of the first', async () => {
    const rows = certs('DUP', BATCH + 10);
    rows[BATCH + 5] = cert('DUP-7');
    const res = await upload(rows);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      expect.objectContaining({ row: BATCH + 7, column: 'A', message: expect.stringContaining('与第 8 行重复') }),
    ]);
    expect(await live('DUP')).toEqual([]);
  });

  it('imports exactly one batch, and one batch and one row, every row once', async () => {
    expect((await upload(certs('EXACT', BATCH))).json()).toEqual({
      total: BATCH,
      created: BATCH,
      updated: 0,
      unchanged: 0,
    });
    expect(new Set((await live('EXACT')).map((r) => r.natural_key)).size).toBe(BATCH);
    // The same file plus one row: a lookup of every key (the ledger now has rows), one new row.
    expect((await upload(certs('EXACT', BATCH + 1))).json()).toEqual({
      total: BATCH + 1,
      created: 1,
      updated: 0,
      unchanged: BATCH,
    });
    expect(await live('EXACT')).toHaveLength(BATCH + 1);
  });

  it('stores quotes, backslashes, emoji and CJK exactly as typed, in every batch and statement', async () => {
    const odd = `"引号" '单引号' \\反斜杠\\ 😀 𠀀 ——；\u00a0 $1 ? :name`;
    const rows = certs('ODD', BATCH + 1001);
    // One in the first statement, one at SQLite's 1,000-row statement edge, one in the second batch.
    for (const i of [0, 999, 1000, BATCH + 1000]) rows[i] = cert(`ODD-${i + 1}`, `${odd} ${i}`);
    expect((await upload(rows)).json()).toMatchObject({ created: BATCH + 1001 });
    const stored = new Map((await live('ODD')).map((r) => [JSON.parse(r.natural_key)[0], r]));
    expect(stored.size).toBe(BATCH + 1001);
    for (const i of [0, 999, 1000, BATCH + 1000]) {
      const r = stored.get(`ODD-${i + 1}`)!;
      const data = typeof r.data === 'string' ? JSON.parse(r.data) : r.data;
      expect(data.company).toBe(`${odd} ${i}`);
      expect(r.search_text).toContain(`${odd} ${i}`);
    }
  });
});
