import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId, multipartBody, workbookBuffer } from './ledger-test-kit.ts';

// The import template as a clerk opens it: a sheet named after the ledger, the place columns
// (所在镇…) as dropdowns of the plan's own towns, streets and parks, and sample rows only in the demo.
type Validations = Record<string, { type: string; formulae: string[]; errorStyle?: string }>;

async function load(content: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const sheets = wb.worksheets.map((ws) => ({ name: ws.name, state: ws.state }));
  const validations = (wb.worksheets[0] as unknown as { dataValidations: { model: Validations } }).dataValidations
    .model;
  return { wb, sheets, validations };
}

/** Names of the units of the plan's region of these kinds, as the units table has them (tree order). */
async function placeNames(t: TestApp, planId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('units')
    .innerJoin('plans', 'plans.region_id', 'units.region_id')
    .select('units.name')
    .where('plans.id', '=', planId)
    .where('units.kind', 'in', ['street', 'town', 'scenic', 'park'])
    .where('units.disabled', '=', 0)
    .orderBy('units.sort_order')
    .orderBy('units.name')
    .execute();
  return rows.map((r) => r.name);
}

describe.each(TEST_DIALECTS)('ledger import template on %s', (dialect) => {
  let t: TestApp;
  let demo: TestApp;
  let planId: string;
  let demoPlanId: string;
  let reporter: Client;
  let demoReporter: Client;
  const template = (c: Client, code = 'incubators', plan = planId) =>
    c.request({ method: 'GET', url: `/api/plans/${plan}/ledgers/${code}/template.xlsx` });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    demo = await createTestApp(dialect, { config: { demo: true } });
    planId = await jurongPlanId(t.db);
    demoPlanId = await jurongPlanId(demo.db);
    const a = await actorWith(t.db, ['reporter'], ['市科技局']);
    reporter = await t.login(a.username, a.password);
    const d = await actorWith(demo.db, ['reporter'], ['市科技局']);
    demoReporter = await demo.login(d.username, d.password);
  });
  afterAll(async () => {
    await t.close();
    await demo.close();
  });

  it('names the only visible sheet after the ledger and offers the region’s towns as a dropdown', async () => {
    const res = await template(reporter);
    expect(res.statusCode).toBe(200);
    const { wb, sheets, validations } = await load(res.rawPayload);
    expect(sheets).toEqual([{ name: '孵化载体', state: 'visible' }]);
    expect(wb.worksheets[0]!.getCell('I1').value).toBe('所在镇（街道、园区）');
    const places = await placeNames(t, planId);
    expect(places).toContain('下蜀镇');
    expect(places).toContain('华阳街道');
    expect(validations['I2']).toMatchObject({
      type: 'list',
      errorStyle: 'warning',
      formulae: [`"${places.join(',')}"`],
    });
    expect(validations['I5001']).toEqual(validations['I2']);
    // A plain text column keeps its prompt and no list.
    expect(validations['E2']?.type).toBe('any');
  });

  it('moves a long list of places to a hidden sheet and still imports the template’s first sheet', async () => {
    const region = await t.db
      .selectFrom('plans')
      .select('region_id')
      .where('id', '=', planId)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const added = Array.from({ length: 40 }, (_, i) => `新设第${i + 1}号产业园区管理委员会`);
    await t.db
      .insertInto('units')
      .values(
        added.map((name, i) => ({
          id: randomUUID(),
          region_id: region.region_id,
          code: `test-park-${i}`,
          name,
          full_name: null,
          aliases: '[]',
          kind: 'park',
          parent_id: null,
          sort_order: 1000 + i,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    const res = await template(reporter);
    const { wb, sheets, validations } = await load(res.rawPayload);
    expect(sheets).toEqual([
      { name: '孵化载体', state: 'visible' },
      { name: '下拉选项', state: 'hidden' },
    ]);
    const places = await placeNames(t, planId);
    expect(places).toEqual(expect.arrayContaining(added));
    expect(validations['I2']).toMatchObject({ type: 'list', formulae: [`'下拉选项'!$A$1:$A$${places.length}`] });
    const listed: unknown[] = [];
    wb.getWorksheet('下拉选项')!
      .getColumn(1)
      .eachCell((c) => listed.push(c.value));
    expect(listed).toEqual(places);

    // The template filled in imports as it is: the hidden sheet is never read.
    wb.worksheets[0]!.addRow([
      '模板园',
      '孵化器',
      '省级',
      '是',
      '运营公司',
      1,
      3,
      'G312',
      added[0],
      new Date('2024-01-02'),
    ]);
    const up = await reporter.request({
      method: 'POST',
      url: `/api/plans/${planId}/ledgers/incubators/import`,
      ...multipartBody('孵化载体.xlsx', Buffer.from(await wb.xlsx.writeBuffer())),
    });
    expect(up.json()).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });
  });

  it('gives the demo’s template a 示例数据 sheet of the ledger’s rows, after the data sheet the import reads', async () => {
    const header = ['证书编号', '企业名称', '发证日期'];
    const rows = [
      ['GR-DEMO-1', '示例一有限公司', new Date('2023-05-10T00:00:00Z')],
      ['GR-DEMO-2', '示例二有限公司', new Date('2023-06-10T00:00:00Z')],
    ];
    const up = await demoReporter.request({
      method: 'POST',
      url: `/api/plans/${demoPlanId}/ledgers/high-tech-enterprises/import`,
      ...multipartBody('高企.xlsx', await workbookBuffer(header, rows)),
    });
    expect(up.json()).toMatchObject({ created: 2 });
    const { wb, sheets } = await load((await template(demoReporter, 'high-tech-enterprises', demoPlanId)).rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['高新技术企业', '示例数据']);
    expect(wb.worksheets[0]!.rowCount).toBe(1);
    const sample = wb.getWorksheet('示例数据')!;
    expect(sample.getCell('A2').value).toBe('GR-DEMO-1');
    expect(sample.getCell('B3').value).toBe('示例二有限公司');
    // A real deployment's template has the same ledger sheet and no sample sheet (the hidden
    // 下拉选项 is there because the test above gave this region 40 more parks).
    const real = await load((await template(reporter, 'high-tech-enterprises')).rawPayload);
    expect(real.sheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual(['高新技术企业']);
  });
});
