import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvinceOverview } from '@innocity/shared/api/province';
import { TEST_DIALECTS } from '../test/databases.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { findUserByUsername, loadActor } from '../modules/users/user.repo.ts';
import { seedCounty, type SeededCounty } from './demo-counties.ts';
import { DEMO_COUNTIES } from './plans/county-plans.ts';
import { DEMO_PASSWORD } from './seed-demo.ts';
import { listPlans } from '../modules/plans/plan.service.ts';

// One demo county seeded as `npm run demo` seeds each: through the importer, mapped to the
// catalogue, with its own office and reporters granted in the county, and two years of values.
describe.each(TEST_DIALECTS)('a demo county on %s', (dialect) => {
  let t: TestApp;
  let seeded: SeededCounty;
  const county = DEMO_COUNTIES.find((c) => c.region === '丹阳市')!;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await loadActor(t.db, (await findUserByUsername(t.db, 'admin'))!);
    seeded = await seedCounty(t.db, admin, county, { seed: 7, log: () => undefined });
  }, 120_000);
  afterAll(() => t.close());

  it('puts the plan in force through the importer, filed under the county of its 设区市', async () => {
    const plan = await t.db
      .selectFrom('plans as p')
      .innerJoin('regions as r', 'r.id', 'p.region_id')
      .innerJoin('regions as c', 'c.id', 'r.parent_id')
      .select(['p.title', 'p.status', 'r.name as county', 'c.name as city'])
      .where('p.id', '=', seeded.planId)
      .executeTakeFirstOrThrow();
    expect(plan).toEqual({
      title: '丹阳市创建省创新型示范市实施方案（2023—2025年）',
      status: 'in_force',
      county: '丹阳市',
      city: '镇江市',
    });
    const draft = await t.db
      .selectFrom('plan_import_drafts')
      .select(['status', 'plan_id'])
      .where('plan_id', '=', seeded.planId)
      .executeTakeFirstOrThrow();
    expect(draft.status).toBe('confirmed');
  });

  it('maps the comparable targets to the catalogue and gives each target its years of reported values', async () => {
    const links = await t.db
      .selectFrom('indicator_catalogue_links')
      .select('catalogue_code')
      .where('plan_id', '=', seeded.planId)
      .execute();
    expect(links.map((l) => l.catalogue_code)).toEqual(
      expect.arrayContaining(['high-tech-enterprises', 'rd-intensity', 'tech-contract-turnover']),
    );
    const periods = await t.db
      .selectFrom('data_element_values')
      .select('period')
      .distinct()
      .where('plan_id', '=', seeded.planId)
      .execute();
    // 丹阳市's plan: base year 2022, target 2025; the demo reports through 2025.
    expect(periods.map((p) => p.period).sort()).toEqual(['2023', '2024', '2025']);
  });

  it("grants its office and reporters in the county: they see its plan and not Jurong's", async () => {
    for (const username of [seeded.office, ...seeded.reporters]) {
      const actor = await loadActor(t.db, (await findUserByUsername(t.db, username))!);
      expect((await listPlans(t.db, actor)).map((p) => p.region)).toEqual(['丹阳市']);
    }
    expect(seeded.reporters.length).toBeGreaterThan(1);
    const office = await t.login(seeded.office, DEMO_PASSWORD);
    const jurong = (
      await t.db.selectFrom('plans').select('id').where('code', '=', 'jurong-2022-79').executeTakeFirstOrThrow()
    ).id;
    expect((await office.request({ method: 'GET', url: `/api/plans/${jurong}` })).statusCode).toBe(403);
  });

  it('shows up in the province view beside Jurong, its figures ranked', async () => {
    const admin = await t.login('admin', (await import('../test/test-app.ts')).TEST_ADMIN_PASSWORD);
    const o = (
      await admin.request({ method: 'GET', url: '/api/province/overview?asOf=2025-06-30' })
    ).json() as ProvinceOverview;
    const danyang = o.counties.find((c) => c.regionName === '丹阳市')!;
    expect(danyang.plan?.code).toBe(seeded.code);
    expect(danyang.lights.green + danyang.lights.yellow + danyang.lights.red).toBeGreaterThan(0);
    const rd = o.columns.find((c) => c.catalogueCode === 'rd-intensity')!;
    expect(rd.cells.find((c) => c.countyId === danyang.regionId)).toMatchObject({ rank: 1 });
  });
});
