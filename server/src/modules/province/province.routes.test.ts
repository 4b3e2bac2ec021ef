import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvinceOverview } from '@innocity/shared/api/province';
import { recordValuesInputSchema } from '@innocity/shared/api/indicators';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { DEFAULT_PACK, loadPlanPack, PACKS_DIR, readPackFile } from '../plans/plan-pack.service.ts';
import { recordElementValues } from '../indicators/element-entry.service.ts';
import { findUserByUsername, loadActor } from '../users/user.repo.ts';

// Three counties run plans of Jurong's shape (its pack loaded under another county's name), one
// county has no plan yet. The one indicator with a value, 农业科技进步贡献率, reads 60, 60 and 55:
// the first two tie for first, the third is third.
describe.each(TEST_DIALECTS)('省级视图 on %s', (dialect) => {
  let t: TestApp;
  let jiangsu: Client;
  let zhenjiang: Client;
  const regionId = async (name: string) =>
    (await t.db.selectFrom('regions').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const overview = (c: Client, query = '') => c.request({ method: 'GET', url: `/api/province/overview${query}` });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const pack = readPackFile(path.join(PACKS_DIR, DEFAULT_PACK));
    const ctx = { actor: null, requestId: null, ip: null, now: '2025-01-02T00:00:00.000Z' };
    const plans: Record<string, string> = {
      句容市: (await t.db.selectFrom('plans').select('id').where('code', '=', pack.plan.code).executeTakeFirstOrThrow())
        .id,
    };
    for (const [county, city, code] of [
      ['丹阳市', '镇江市', 'danyang-test'],
      ['溧阳市', '常州市', 'liyang-test'],
    ] as const) {
      const plan = { ...pack.plan, code, region: county, regionPath: ['江苏省', city, county] };
      plans[county] = (await loadPlanPack(t.db, { ...pack, plan }, ctx)).planId;
    }
    const admin = await loadActor(t.db, (await findUserByUsername(t.db, 'admin'))!);
    const entered = {
      ...ctx,
      actor: { id: admin.id, displayName: admin.displayName },
      now: '2025-03-01T00:00:00.000Z',
    };
    for (const [county, value] of [
      ['句容市', 60],
      ['丹阳市', 60],
      ['溧阳市', 55],
    ] as const)
      await recordElementValues(
        t.db,
        admin,
        plans[county]!,
        recordValuesInputSchema.parse({
          items: [{ element: 'agri-tech-contribution-rate', period: '2024', value, source: '测试' }],
        }),
        entered,
      );
    const adminClient = await t.login('admin', TEST_ADMIN_PASSWORD);
    await adminClient.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '扬中市', level: 'county', parentId: await regionId('镇江市') },
    });
    const viewer = async (region: string) =>
      t.login((await createUser(t.db, { roles: ['province_viewer'], region })).username, TEST_PASSWORD);
    jiangsu = await viewer('江苏省');
    zhenjiang = await viewer('镇江市');
  }, 120_000);
  afterAll(() => t.close());

  it('lists every county below the viewer, each with its plan and lights, and ranks the comparable indicator 1,1,3', async () => {
    const res = await overview(jiangsu, '?asOf=2025-06-30');
    expect(res.statusCode).toBe(200);
    const o = res.json() as ProvinceOverview;
    expect(o.asOf).toBe('2025-06-30');
    expect(o.counties.map((c) => [c.cityName, c.regionName, c.plan?.code ?? null])).toEqual([
      ['镇江市', '句容市', 'jurong-2022-79'],
      ['镇江市', '丹阳市', 'danyang-test'],
      ['镇江市', '扬中市', null],
      ['常州市', '溧阳市', 'liyang-test'],
    ]);
    const jurong = o.counties[0]!;
    const lights = jurong.lights.green + jurong.lights.yellow + jurong.lights.red + jurong.lights.grey;
    expect(lights).toBe(
      await t.db
        .selectFrom('indicators')
        .where('plan_id', '=', jurong.plan!.id)
        .select('id')
        .execute()
        .then((r) => r.length),
    );
    expect(jurong.timeliness).toBeNull();
    expect(jurong.latestBulletin).toBeNull();
    const agri = o.columns.find((c) => c.catalogueCode === 'agri-tech-contribution')!;
    expect(agri.unit).toBe('%');
    const byCounty = new Map(o.counties.map((c) => [c.regionId, c.regionName]));
    expect(agri.cells.map((c) => [byCounty.get(c.countyId), c.value, c.rank])).toEqual([
      ['句容市', 60, 1],
      ['丹阳市', 60, 1],
      ['溧阳市', 55, 3],
    ]);
    for (const c of agri.cells) expect(['green', 'yellow', 'red', 'grey']).toContain(c.light);
  });

  it('shows the values as they stood on the date: before they were entered nobody is ranked', async () => {
    const o = (await overview(jiangsu, '?asOf=2025-02-01')).json() as ProvinceOverview;
    const agri = o.columns.find((c) => c.catalogueCode === 'agri-tech-contribution')!;
    expect(agri.cells.map((c) => [c.value, c.rank])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it("gives a county's latest settled round and its latest bulletin, as they stood on the date", async () => {
    const admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    const jurong = (
      await t.db.selectFrom('plans').select('id').where('code', '=', 'jurong-2022-79').executeTakeFirstOrThrow()
    ).id;
    const post = async (url: string, payload: object) => {
      const res = await admin.request({ method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as { id: string };
    };
    // A round whose cut-off has passed (nobody reported) and one still open (not yet settled).
    await post('/api/rounds', { planId: jurong, periodId: '2025Q2', cutoffDate: '2025-06-25' });
    await post('/api/rounds', { planId: jurong, periodId: '2099Q1', cutoffDate: '2099-03-25' });
    const draft = await post(`/api/plans/${jurong}/bulletins`, { periodId: '2025Q2', asOf: '2025-07-10' });
    await post(`/api/bulletins/${draft.id}/publish`, { version: 1 });
    const today = (await overview(jiangsu)).json() as ProvinceOverview;
    const j = today.counties.find((c) => c.regionName === '句容市')!;
    expect(j.timeliness).toMatchObject({ periodId: '2025Q2', onTime: 0, late: 0 });
    expect(j.timeliness!.missing).toBe(j.timeliness!.total);
    expect(j.timeliness!.total).toBeGreaterThan(0);
    expect(j.latestBulletin).toMatchObject({ id: draft.id, asOf: '2025-07-10' });
    expect(today.counties.find((c) => c.regionName === '丹阳市')!.timeliness).toBeNull();
    // On 2025-06-30 neither the round (made today) nor the bulletin (published today) existed yet.
    const then = (await overview(jiangsu, '?asOf=2025-06-30')).json() as ProvinceOverview;
    const before = then.counties.find((c) => c.regionName === '句容市')!;
    expect([before.timeliness, before.latestBulletin]).toEqual([null, null]);
  });

  it('keeps a 设区市 viewer to its own counties, and refuses another city, an unknown region and bad dates in Chinese', async () => {
    const o = (await overview(zhenjiang)).json() as ProvinceOverview;
    expect(o.counties.map((c) => c.regionName)).toEqual(['句容市', '丹阳市', '扬中市']);
    const other = await overview(zhenjiang, `?regionId=${await regionId('常州市')}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.message).toMatch(/其他地区/);
    const own = (await overview(jiangsu, `?regionId=${await regionId('常州市')}`)).json() as ProvinceOverview;
    expect(own.region?.name).toBe('常州市');
    expect(own.counties.map((c) => c.regionName)).toEqual(['溧阳市']);
    const unknown = await overview(jiangsu, '?regionId=00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    const bad = await overview(jiangsu, '?asOf=2025-13-45');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/评估日期/);
  });

  it("refuses a county's office and leader: the view looks across counties", async () => {
    for (const role of ['office', 'leader'] as const) {
      const c = await t.login((await createUser(t.db, { roles: [role], region: '句容市' })).username, TEST_PASSWORD);
      const res = await overview(c);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/省级/);
    }
  });

  it('exports the overview and the ranked table to Excel, numbers as numbers', async () => {
    const res = await jiangsu.request({ method: 'GET', url: '/api/province/export?asOf=2025-06-30' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('省级视图'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('县市概况')!;
    expect(sheet.getRow(3).getCell(2).value).toBe('句容市');
    expect(sheet.getRow(5).getCell(3).value).toBe('（无实施中的方案）');
    const cmp = wb.getWorksheet('县市指标对比')!;
    const header = Array.from(cmp.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = header.findIndex((h) => h.startsWith('农业科技进步贡献率'));
    expect(col).toBeGreaterThan(0);
    expect([2, 3, 4, 5].map((r) => [cmp.getRow(r).getCell(1).value, cmp.getRow(r).getCell(col).value])).toEqual([
      ['句容市', 60],
      ['丹阳市', 60],
      ['扬中市', null],
      ['溧阳市', 55],
    ]);
    expect(cmp.getRow(5).getCell(col + 2).value).toBe(3);
  });
});
