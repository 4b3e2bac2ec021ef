import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldIssue } from '@innocity/shared/errors';
import { LEDGER_IMPORT_MAX_BYTES } from '@innocity/shared/api/ledgers';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { actorWith, jurongPlanId, multipartBody, readWorkbook, unitId, workbookBuffer } from './ledger-test-kit.ts';

// Incubator columns in pack order: A 载体名称, B 载体类型, C 级别, D 是否专业孵化器, E 运营主体,
// F 孵化面积（万平方米）, G 在孵企业数（家）, H 所在走廊, I 所在镇（街道、园区）, J 认定日期, K 撤销（摘牌）日期, L 备注.
const HEADER = [
  '载体名称',
  '载体类型',
  '级别',
  '是否专业孵化器',
  '运营主体',
  '孵化面积（万平方米）',
  '在孵企业数（家）',
  '所在走廊',
  '所在镇（街道、园区）',
  '认定日期',
  '撤销（摘牌）日期',
  '备注',
];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const incubator = (name: string, area: unknown = 1.2, more: Partial<Record<number, unknown>> = {}) => {
  const row: unknown[] = [
    name,
    '孵化器',
    '省级',
    '是',
    '句容科创公司',
    area,
    12,
    'G312',
    '华阳街道',
    day('2022-03-01'),
    null,
    null,
  ];
  for (const [i, v] of Object.entries(more)) row[Number(i)] = v;
  return row;
};

describe.each(TEST_DIALECTS)('ledger Excel import and export on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let reporter: Client;
  let reporterId: string;

  const snapshot = async () => ({
    rows: await t.db.selectFrom('ledger_rows').selectAll().orderBy('id').execute(),
    audits: Number(
      (
        await t.db
          .selectFrom('audit_logs')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const upload = (client: Client, content: Buffer, url = `${base}/import`, name = '孵化载体.xlsx') =>
    client.request({ method: 'POST', url, ...multipartBody(name, content) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    base = `/api/plans/${await jurongPlanId(t.db)}/ledgers/incubators`;
    const a = await actorWith(t.db, ['reporter'], ['市科技局']);
    reporter = await t.login(a.username, a.password);
    reporterId = a.id;
  });
  afterAll(() => t.close());

  it('gives a template with Chinese headers and a dropdown on every enum and yes/no column', async () => {
    const res = await reporter.request({ method: 'GET', url: `${base}/template.xlsx` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('孵化载体-导入模板.xlsx'));
    const { rows, validations } = await readWorkbook(res.rawPayload);
    expect(rows).toEqual([HEADER]);
    // exceljs's reader spreads a range's validation over its cells; the template covers 5,000 blank rows.
    expect(validations['B5001']).toEqual(validations['B2']);
    expect(validations['A2']).toMatchObject({ prompt: '必填；文本' });
    expect(validations['B2']).toMatchObject({ type: 'list', formulae: ['"孵化器,加速器,众创空间"'] });
    expect(validations['C2']).toMatchObject({ type: 'list', formulae: ['"国家级,省级,市级"'] });
    expect(validations['D2']).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(validations['H2']).toMatchObject({ type: 'list', formulae: ['"G312,S122,其他"'] });
  });

  it('reports every bad row with its row, column and reason in Chinese and writes nothing', async () => {
    const before = await snapshot();
    const file = await workbookBuffer(HEADER, [
      incubator('句容科创园'),
      incubator('二号园', 'abc'),
      incubator('', 0.5),
      incubator('三号园', 0.5, { 1: '研究院' }),
      incubator('句容科创园', 0.8),
      incubator('四号园', 0.5, { 9: '2023-13-01' }),
      incubator('五号园', 0.5, { 6: 3.5, 7: null }),
    ]);
    const res = await upload(reporter, file);
    expect(res.statusCode).toBe(400);
    const error = res.json().error as { code: string; message: string; details: { issues: FieldIssue[] } };
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/^导入失败，未写入任何数据：6 行有误，共 7 处问题/);
    expect(error.details.issues).toEqual([
      {
        row: 3,
        column: 'F',
        header: '孵化面积（万平方米）',
        path: 'area',
        message: '第 3 行 F 列：孵化面积：「abc」不是数字',
      },
      { row: 4, column: 'A', header: '载体名称', path: 'name', message: '第 4 行 A 列：载体名称：必填项为空' },
      {
        row: 5,
        column: 'B',
        header: '载体类型',
        path: 'kind',
        message: '第 5 行 B 列：载体类型：「研究院」不在可选值中（可选：孵化器、加速器、众创空间）',
      },
      {
        row: 6,
        column: 'A',
        header: '载体名称',
        path: 'name',
        message: '第 6 行 A 列：与第 2 行重复（载体名称=句容科创园）',
      },
      {
        row: 7,
        column: 'J',
        header: '认定日期',
        path: 'recognisedOn',
        message: '第 7 行 J 列：认定日期：「2023-13-01」不是有效日期（应为 YYYY-MM-DD）',
      },
      {
        row: 8,
        column: 'G',
        header: '在孵企业数（家）',
        path: 'incubatedFirms',
        message: '第 8 行 G 列：在孵企业数：「3.5」不是整数',
      },
      { row: 8, column: 'H', header: '所在走廊', path: 'corridor', message: '第 8 行 H 列：所在走廊：必填项为空' },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports an error cell and an end date before the start by row and column, writing nothing', async () => {
    const before = await snapshot();
    const file = await workbookBuffer(HEADER, [
      incubator('错误值园', { error: '#N/A' }),
      incubator('倒序园', 0.5, { 10: day('2021-01-01') }),
      incubator('正常园'),
    ]);
    const res = await upload(reporter, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      {
        row: 2,
        column: 'F',
        header: '孵化面积（万平方米）',
        path: 'area',
        message: '第 2 行 F 列：单元格是错误值 #N/A',
      },
      {
        row: 3,
        column: 'K',
        header: '撤销（摘牌）日期',
        path: 'revokedOn',
        message: '第 3 行 K 列：撤销（摘牌）日期：2021-01-01 早于起始日期 2022-03-01',
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports a missing required column and an unknown column from the header row', async () => {
    const res = await upload(reporter, await workbookBuffer(['载体名称', '颜色'], [['一号园', '红']]));
    expect(res.statusCode).toBe(400);
    const messages = (res.json().error.details.issues as FieldIssue[]).map((i) => i.message);
    // The whole answer on a mismatch: CI once saw a single other message here (not reproduced).
    expect(messages, JSON.stringify(res.json().error)).toContain(
      '第 1 行：B 列的表头「颜色」无法识别（应为模板中的列名）',
    );
    expect(messages).toContain('第 1 行：缺少必填列「载体类型」');
    expect(messages).toContain('第 1 行：缺少必填列「认定日期」');
  });

  it('imports a clean file, changes nothing on a second import, and updates only what changed', async () => {
    const template = (await reporter.request({ method: 'GET', url: `${base}/template.xlsx` })).rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    for (const r of [
      incubator('一号园', 1.25),
      incubator('二号园', 0.3, { 1: '众创空间', 3: '否' }),
      incubator('三号园', 2),
    ])
      wb.worksheets[0]!.addRow(r);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const first = await upload(reporter, file);
    expect(first.json()).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0 });
    const after = await snapshot();
    expect(await upload(reporter, file).then((r) => r.json())).toEqual({
      total: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await snapshot()).toEqual(after);

    wb.worksheets[0]!.getCell('F2').value = 1.5;
    const changed = await upload(reporter, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(changed.json()).toEqual({ total: 3, created: 0, updated: 1, unchanged: 2 });
    const audit = await t.db.selectFrom('audit_logs').selectAll().where('action', '=', 'import_update').execute();
    expect(audit).toHaveLength(1);
    expect([JSON.parse(audit[0]!.before_json!).values.area, JSON.parse(audit[0]!.after_json!).values.area]).toEqual([
      1.25, 1.5,
    ]);
  });

  it('exports the rows so that importing the export changes nothing', async () => {
    const res = await reporter.request({ method: 'GET', url: `${base}/export.xlsx` });
    expect(res.statusCode).toBe(200);
    const { rows } = await readWorkbook(res.rawPayload);
    expect(rows[0]).toEqual([...HEADER, '填报单位']);
    expect(rows[1]).toEqual(
      [
        '一号园',
        '孵化器',
        '省级',
        '是',
        '句容科创公司',
        1.5,
        12,
        'G312',
        '华阳街道',
        day('2022-03-01'),
        undefined,
        undefined,
        '市科技局',
      ].slice(0, rows[1]!.length),
    );
    expect(rows.at(1)?.at(-1)).toBe('市科技局');
    // Dates are Excel dates shown the way people write them (2022年3月1日), so they sort and read.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(2).getCell(10).numFmt).toBe('yyyy"年"m"月"d"日"');
    expect((await upload(reporter, res.rawPayload)).json()).toEqual({ total: 3, created: 0, updated: 0, unchanged: 3 });
  });

  it('refuses an import by a reporter of a unit that does not keep the ledger, and a file that is not .xlsx', async () => {
    const a = await actorWith(t.db, ['reporter'], ['下蜀镇']);
    const other = await t.login(a.username, a.password);
    const before = await snapshot();
    const file = await workbookBuffer(HEADER, [incubator('六号园')]);
    const kjj = await unitId(t.db, '市科技局');
    expect((await upload(other, file, `${base}/import?unitId=${kjj}`)).statusCode).toBe(403);
    const xls = await upload(reporter, file, `${base}/import`, '孵化载体.xls');
    expect(xls.statusCode).toBe(400);
    expect(xls.json().error.message).toContain('只接受 .xlsx');
    const junk = await upload(reporter, Buffer.from('not a zip'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.message).toContain('文件无法读取');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file over the size limit with 413 and a broken upload with 400, writing nothing', async () => {
    const before = await snapshot();
    const big = await upload(reporter, Buffer.alloc(LEDGER_IMPORT_MAX_BYTES + 1024, 1));
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('50 MB') });
    const { payload } = multipartBody('孵化载体.xlsx', Buffer.from('x'));
    const broken = await reporter.request({
      method: 'POST',
      url: `${base}/import`,
      payload,
      headers: { 'content-type': 'multipart/form-data; boundary=other' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.message).toContain('上传内容不完整');
    expect(await snapshot()).toEqual(before);
  });

  it('reports a row already kept by another unit of a shared ledger', async () => {
    const platforms = base.replace('incubators', 'rd-platforms');
    const gxj = await actorWith(t.db, ['reporter'], ['市工信局']);
    const gxjClient = await t.login(gxj.username, gxj.password);
    const header = ['平台名称', '依托单位', '平台类型', '级别', '认定日期'];
    const row = ['智能装备企业技术中心', '句容某装备公司', '企业技术中心', '省级', day('2021-09-01')];
    expect((await upload(gxjClient, await workbookBuffer(header, [row]), `${platforms}/import`)).json()).toMatchObject({
      created: 1,
    });
    const res = await upload(reporter, await workbookBuffer(header, [row]), `${platforms}/import`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({
      row: 2,
      column: 'A',
      message: '第 2 行 A 列：该记录（平台名称=智能装备企业技术中心，依托单位=句容某装备公司）已由市工信局登记',
    });
  });
  it("audits an import once, and each created row's first version leads back to it", async () => {
    const before = await snapshot();
    const file = await workbookBuffer(HEADER, [incubator('来源一号'), incubator('来源二号'), incubator('来源三号')]);
    expect((await upload(reporter, file, undefined, 'origin.xlsx')).json()).toMatchObject({ created: 3 });
    // One entry for the file, none per created row.
    expect((await snapshot()).audits).toBe(before.audits + 1);
    const entry = await t.db
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(reporterId);
    expect(JSON.parse(entry.after_json!)).toMatchObject({
      typeCode: 'incubators',
      fileName: 'origin.xlsx',
      mode: 'all',
      created: 3,
      unitId: await unitId(t.db, '市科技局'),
    });
    const rows = await t.db
      .selectFrom('ledger_rows')
      .select(['created_at', 'created_by', 'version', 'data'])
      .where(
        'natural_key',
        'in',
        ['来源一号', '来源二号', '来源三号'].map((n) => JSON.stringify([n])),
      )
      .execute();
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      // Who imported which file when: the entry at the row's first version's instant, by its creator.
      expect([r.version, r.created_at, r.created_by]).toEqual([1, entry.at, entry.actor_id]);
      const data = typeof r.data === 'string' ? JSON.parse(r.data) : r.data;
      expect(data).toMatchObject({ kind: '孵化器', area: 1.2 });
    }
  });
});
