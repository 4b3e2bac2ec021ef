import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId, multipartBody, workbookBuffer } from './ledger-test-kit.ts';

// Texts that the import's bulk write must carry as typed: on PostgreSQL the rows go by COPY, whose
// text format gives tabs, line breaks and backslashes a meaning of their own (db/pg-copy.ts).

const HEADER = [
  '载体名称',
  '载体类型',
  '级别',
  '是否专业孵化器',
  '运营主体',
  '孵化面积（万平方米）',
  '所在走廊',
  '认定日期',
  '备注',
];
const NAME = '特殊\\字符\t园';
const OPERATOR = 'C:\\科创\\N公司';
const REMARK = '第一行\n第二行\n第三行\t制表 \\N 反斜杠\\ 引号"\' 😀';

describe.each(TEST_DIALECTS)('ledger import of texts with tabs, line breaks and backslashes on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let reporter: Client;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/plans/${await jurongPlanId(t.db)}/ledgers/incubators`;
    const a = await actorWith(t.db, ['reporter'], ['市科技局']);
    reporter = await t.login(a.username, a.password);
  });
  afterAll(() => t?.close());

  it('stores them as typed, finds them by search, and a second import of the file changes nothing', async () => {
    const file = await workbookBuffer(HEADER, [
      [NAME, '孵化器', '省级', '是', OPERATOR, 1.5, 'G312', new Date('2022-03-01T00:00:00Z'), REMARK],
    ]);
    const upload = () =>
      reporter.request({ method: 'POST', url: `${base}/import`, ...multipartBody('孵化载体.xlsx', file) });
    expect((await upload()).json()).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });

    const stored = await t.db.selectFrom('ledger_rows').select(['data', 'search_text', 'valid_to']).execute();
    expect(stored).toHaveLength(1);
    const data = (typeof stored[0]!.data === 'string' ? JSON.parse(stored[0]!.data) : stored[0]!.data) as Record<
      string,
      unknown
    >;
    expect([data.name, data.operator, data.note, data.area]).toEqual([NAME, OPERATOR, REMARK, 1.5]);
    expect(stored[0]!.search_text).toContain(REMARK);
    expect(stored[0]!.valid_to).toBeNull();

    const listed = await reporter.request({ method: 'GET', url: `${base}/rows?q=${encodeURIComponent('\\N 反斜杠')}` });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((r: { values: { name: string } }) => r.values.name)).toEqual([NAME]);
    expect((await upload()).json()).toEqual({ total: 1, created: 0, updated: 0, unchanged: 1 });
  });
});
