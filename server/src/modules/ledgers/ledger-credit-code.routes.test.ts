import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId, multipartBody, unitId, workbookBuffer } from './ledger-test-kit.ts';

// A clerk's typo in a 统一社会信用代码 is caught at entry by the GB 32100 check character.
describe.each(TEST_DIALECTS)('统一社会信用代码 in ledgers on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let kjj: string;
  let office: Client;
  const row = (creditCode: string, no = 'GR202332000009') => ({
    certificateNo: no,
    company: '句容示例科技有限公司',
    certifiedOn: '2023-05-10',
    creditCode,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/plans/${await jurongPlanId(t.db)}/ledgers/high-tech-enterprises`;
    kjj = await unitId(t.db, '市科技局');
    const a = await actorWith(t.db, ['office'], []);
    office = await t.login(a.username, a.password);
  });
  afterAll(() => t.close());

  it('refuses a code whose check character does not match, naming the field and the expected character', async () => {
    const res = await office.request({
      method: 'POST',
      url: `${base}/rows`,
      payload: { unitId: kjj, values: row('91440300708461137T') },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error)).toContain('校验位不符');
    expect(res.json().error.details.issues[0].path).toContain('creditCode');
  });

  it('keeps a valid code, upper-cased', async () => {
    const res = await office.request({
      method: 'POST',
      url: `${base}/rows`,
      payload: { unitId: kjj, values: row('91310110666007217t') },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().values.creditCode).toBe('91310110666007217T');
  });

  it('names the row and column of a bad code in an imported workbook, storing nothing', async () => {
    const header = ['证书编号', '企业名称', '发证日期', '统一社会信用代码'];
    const file = await workbookBuffer(header, [
      ['GR202332000101', '甲公司', '2023-05-10', '91440300708461136T'],
      ['GR202332000102', '乙公司', '2023-05-10', '9144030070846113'],
    ]);
    const res = await office.request({
      method: 'POST',
      url: `${base}/import?unitId=${kjj}`,
      ...multipartBody('高新技术企业.xlsx', file),
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toMatch(/第 ?3 ?行[^"]*统一社会信用代码|统一社会信用代码[^"]*第 ?3 ?行/);
    const stored = await t.db
      .selectFrom('ledger_rows')
      .select('id')
      .where('natural_key', 'like', '%GR2023320001%')
      .execute();
    expect(stored).toHaveLength(0);
  });
});
