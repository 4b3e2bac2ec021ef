import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDetail, PlanSummary, UnitNode } from '@innocity/shared/api/plans';
import type { Region } from '@innocity/shared/api/regions';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { loadPlanPack } from '../plans/plan-pack.service.ts';
import { nowIso } from '../../time.ts';
import { secondCountyPack } from '../../test/second-county.ts';

const names = (nodes: UnitNode[]): string[] => nodes.flatMap((n) => [n.name, ...names(n.children)]);

describe.each(TEST_DIALECTS)('regions and county-scoped roles on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let jurong: PlanSummary;
  let danyang: PlanSummary;
  let regions: Region[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin', TEST_ADMIN_PASSWORD);
    await loadPlanPack(t.db, secondCountyPack('danyang-2023-1'), {
      actor: null,
      requestId: null,
      ip: null,
      now: nowIso(),
    });
    const plans = (await admin.request({ method: 'GET', url: '/api/plans' })).json().items as PlanSummary[];
    jurong = plans.find((p) => p.code === 'jurong-2022-79')!;
    danyang = plans.find((p) => p.code === 'danyang-2023-1')!;
    regions = (await admin.request({ method: 'GET', url: '/api/regions' })).json().items as Region[];
  });
  afterAll(() => t.close());

  const regionId = (name: string) => regions.find((r) => r.name === name)!.id;
  const as = async (roles: Parameters<typeof createUser>[1]['roles'], region: string, units: string[] = []) => {
    const u = await createUser(t.db, { roles, region, units });
    return t.login(u.username, TEST_PASSWORD);
  };

  it('files each pack under the region path it names, one 江苏省 and one 镇江市 for both counties', () => {
    const byName = (n: string) => regions.filter((r) => r.name === n);
    expect(byName('江苏省')).toHaveLength(1);
    expect(byName('镇江市')).toMatchObject([{ level: 'city', parentId: regionId('江苏省') }]);
    expect(byName('句容市')).toMatchObject([{ level: 'county', parentId: regionId('镇江市') }]);
    expect(byName('丹阳市')).toMatchObject([{ level: 'county', parentId: regionId('镇江市') }]);
    expect(jurong.regionId).toBe(regionId('句容市'));
    expect(danyang.regionId).toBe(regionId('丹阳市'));
  });

  it('gives the second county its own units, and expands 各镇（街道） within the plan’s county only', async () => {
    const units = await t.db
      .selectFrom('units')
      .select(['id', 'name', 'region_id'])
      .where('name', '=', '市科技局')
      .execute();
    expect(units.map((u) => u.region_id).sort()).toEqual([regionId('句容市'), regionId('丹阳市')].sort());
    const danyangUnits = new Set(
      (await t.db.selectFrom('units').select('id').where('region_id', '=', regionId('丹阳市')).execute()).map(
        (u) => u.id,
      ),
    );
    const plan = (await admin.request({ method: 'GET', url: `/api/plans/${danyang.id}` })).json() as PlanDetail;
    const refs = plan.areas.flatMap((a) => a.tasks.flatMap((task) => [task.leadUnit, ...task.coUnits]));
    const groups = refs.filter((r) => r.kind === 'group');
    expect(groups.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const ids = ref.kind === 'group' ? ref.members.map((m) => m.id) : [ref.id];
      for (const id of ids) expect(danyangUnits.has(id), `${ref.name} reaches outside 丹阳市`).toBe(true);
    }
  });

  it('shows the office of 丹阳市 its own plan and units only, and refuses Jurong’s plan and its writes', async () => {
    const office = await as(['office'], '丹阳市');
    const plans = (await office.request({ method: 'GET', url: '/api/plans' })).json().items as PlanSummary[];
    expect(plans.map((p) => p.code)).toEqual(['danyang-2023-1']);
    const tree = (await office.request({ method: 'GET', url: '/api/units' })).json().items as UnitNode[];
    // The relabelled pack keeps Jurong's unit names; the ids tell the two trees apart.
    const ids = (nodes: UnitNode[]): string[] => nodes.flatMap((n) => [n.id, ...ids(n.children)]);
    const danyangUnits = await t.db
      .selectFrom('units')
      .select('id')
      .where('region_id', '=', regionId('丹阳市'))
      .execute();
    expect(ids(tree).sort()).toEqual(danyangUnits.map((u) => u.id).sort());
    expect(names(tree)).toContain('市科技局');
    expect((await office.request({ method: 'GET', url: `/api/plans/${jurong.id}` })).statusCode).toBe(403);
    const before = await t.db.selectFrom('indicators').selectAll().where('plan_id', '=', jurong.id).execute();
    const write = await office.request({
      method: 'PUT',
      url: `/api/plans/${jurong.id}/indicators/high-tech-enterprises/baseline`,
      payload: { value: 1, year: 2021 },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toMatch(/其他地区/);
    expect(await t.db.selectFrom('indicators').selectAll().where('plan_id', '=', jurong.id).execute()).toEqual(before);
    const own = await office.request({
      method: 'PUT',
      url: `/api/plans/${danyang.id}/indicators/high-tech-enterprises/baseline`,
      payload: { value: 1, year: 2021 },
    });
    expect(own.statusCode).toBe(200);
  });

  it('lets a 省级查看 of 江苏省 read both counties’ plans and write nothing', async () => {
    const viewer = await as(['province_viewer'], '江苏省');
    const plans = (await viewer.request({ method: 'GET', url: '/api/plans' })).json().items as PlanSummary[];
    expect(plans.map((p) => p.code).sort()).toEqual(['danyang-2023-1', 'jurong-2022-79']);
    expect((await viewer.request({ method: 'GET', url: `/api/plans/${jurong.id}` })).statusCode).toBe(200);
    const writes = [
      {
        method: 'PUT' as const,
        url: `/api/plans/${jurong.id}/indicators/high-tech-enterprises/baseline`,
        payload: { value: 2, year: 2021 },
      },
      { method: 'POST' as const, url: `/api/plans/${jurong.id}/archive` },
      {
        method: 'POST' as const,
        url: '/api/regions',
        payload: { name: '常州市', level: 'city', parentId: regionId('江苏省') },
      },
    ];
    for (const w of writes) expect((await viewer.request(w)).statusCode, w.url).toBe(403);
  });

  it('lets a 省级管理员 add a 设区市 and a county below its province, never a top-level region', async () => {
    const provinceAdmin = await as(['province_admin'], '江苏省');
    const city = await provinceAdmin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '常州市', level: 'city', parentId: regionId('江苏省') },
    });
    expect(city.statusCode).toBe(201);
    const county = await provinceAdmin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '溧阳市', level: 'county', parentId: city.json().id },
    });
    expect(county.statusCode).toBe(201);
    const top = await provinceAdmin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '浙江省', level: 'province' },
    });
    expect(top.statusCode).toBe(403);
    const upside = await admin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '某省', level: 'province', parentId: county.json().id },
    });
    expect(upside.statusCode).toBe(400);
    expect(upside.json().error.message).toMatch(/层级/);
    const twin = await admin.request({
      method: 'POST',
      url: '/api/regions',
      payload: { name: '溧阳市', level: 'county', parentId: city.json().id },
    });
    expect(twin.statusCode).toBe(409);
    const loop = await admin.request({
      method: 'PATCH',
      url: `/api/regions/${regionId('江苏省')}`,
      payload: { parentId: city.json().id },
    });
    expect(loop.statusCode).toBe(400);
  });

  it('refuses an account whose units lie outside the region its roles are granted in', async () => {
    const jurongUnit = await t.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', '下蜀镇')
      .where('region_id', '=', regionId('句容市'))
      .executeTakeFirstOrThrow();
    const res = await admin.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'danyang-reporter',
        displayName: '丹阳填报员',
        roles: ['reporter'],
        unitIds: [jurongUnit.id],
        regionId: regionId('丹阳市'),
        initialPassword: 'Danyang-Pass-2025!',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('下蜀镇');
    expect(await t.db.selectFrom('users').select('id').where('username', '=', 'danyang-reporter').execute()).toEqual(
      [],
    );
  });
});
