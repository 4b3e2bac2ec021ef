import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { COPY_FROM_ROWS } from './ledger-bulk.repo.ts';
import { actorWith, jurongPlanId, multipartBody, unitId, workbookBuffer } from './ledger-test-kit.ts';

// Texts that the ledger's writes must carry as typed: on PostgreSQL many rows go by COPY, whose
// text format gives tabs, line breaks and backslashes a meaning of their own (db/pg-copy.ts), and a
// few rows by one INSERT; both paths are checked on both databases.

const HEADER = ['载体名称', '载体类型', '级别', '运营主体', '孵化面积（万平方米）', '所在走廊', '认定日期', '备注'];
const NAME = '特殊\\字符\t园';
const OPERATOR = 'C:\\科创\\N公司';
const REMARK = '第一行\n第二行\n第三行\t制表 \\N 反斜杠\\ 引号"\' 😀';

describe.each(TEST_DIALECTS)('ledger texts with tabs, line breaks and backslashes on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let reporter: Client;

  /** The stored current version's values of the row named `name`, and its search text. */
  const storedRow = async (name: string) => {
    const rows = await t.db
      .selectFrom('ledger_rows')
      .select(['data', 'search_text', 'valid_to'])
      .where('natural_key', '=', JSON.stringify([name]))
      .where('deleted_at', 'is', null)
      .execute();
    expect(rows).toHaveLength(1);
    const data = typeof rows[0]!.data === 'string' ? JSON.parse(rows[0]!.data) : rows[0]!.data;
    return { ...rows[0]!, data: data as Record<string, unknown> };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/plans/${await jurongPlanId(t.db)}/ledgers/incubators`;
    const a = await actorWith(t.db, ['reporter'], ['市科技局']);
    reporter = await t.login(a.username, a.password);
  });
  afterAll(() => t?.close());

  it('an import large enough for COPY stores them as typed, finds them by search, and changes nothing a second time', async () => {
    const rows = [
      [NAME, '孵化器', '省级', OPERATOR, 1.5, 'G312', new Date('2022-03-01T00:00:00Z'), REMARK],
      ...Array.from({ length: COPY_FROM_ROWS + 9 }, (_, i) => [
        `普通园${i}`,
        '众创空间',
        '市级',
        null,
        i,
        'G312',
        new Date('2023-01-01T00:00:00Z'),
        null,
      ]),
    ];
    const file = await workbookBuffer(HEADER, rows);
    const upload = () =>
      reporter.request({ method: 'POST', url: `${base}/import`, ...multipartBody('孵化载体.xlsx', file) });
    expect((await upload()).json()).toEqual({ total: rows.length, created: rows.length, updated: 0, unchanged: 0 });

    const stored = await storedRow(NAME);
    expect([stored.data.name, stored.data.operator, stored.data.note, stored.data.area]).toEqual([
      NAME,
      OPERATOR,
      REMARK,
      1.5,
    ]);
    expect(stored.search_text).toContain(REMARK);
    expect(stored.valid_to).toBeNull();
    expect((await storedRow('普通园7')).data).toMatchObject({ name: '普通园7', area: 7 });

    const listed = await reporter.request({ method: 'GET', url: `${base}/rows?q=${encodeURIComponent('\\N 反斜杠')}` });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((r: { values: { name: string } }) => r.values.name)).toEqual([NAME]);
    expect((await upload()).json()).toEqual({ total: rows.length, created: 0, updated: 0, unchanged: rows.length });
  });

  it('a row typed in (one INSERT) stores them as typed too', async () => {
    const name = `${NAME}二`;
    const created = await reporter.request({
      method: 'POST',
      url: `${base}/rows`,
      payload: {
        unitId: await unitId(t.db, '市科技局'),
        values: {
          name,
          kind: '孵化器',
          level: '省级',
          corridor: 'G312',
          recognisedOn: '2022-03-01',
          operator: OPERATOR,
          note: REMARK,
        },
      },
    });
    expect(created.statusCode).toBe(201);
    expect((await storedRow(name)).data).toMatchObject({ name, operator: OPERATOR, note: REMARK });
    const read = await reporter.request({ method: 'GET', url: `${base}/rows/${created.json().id}` });
    expect(read.json().values).toMatchObject({ name, operator: OPERATOR, note: REMARK });
  });
});
