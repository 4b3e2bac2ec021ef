import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvinceOverview } from '@innocity/shared/api/province';
import { recordValuesInputSchema } from '@innocity/shared/api/indicators';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type Client, type TestApp } from '../../test/test-app.ts';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import { DEFAULT_PACK, loadPlanPack, PACKS_DIR, readPackFile } from '../plans/plan-pack.service.ts';
import { recordElementValues } from '../indicators/element-entry.service.ts';
import { findUserByUsername, loadActor, type Actor } from '../users/user.repo.ts';
import { getProvinceOverview } from './province.service.ts';
import { forgetOverviews } from './province-cache.ts';
import { takeEvaluatedPlans } from './province-evaluations.ts';

// The province view is cached per (counties, date, data versions of their plans): a repeat
// view is the held answer, and a write in any county, or to the region tree, shows on the very
// next request, also a write made straight in the database (as another instance would).
describe.each(TEST_DIALECTS)('省级视图 freshness on %s', (dialect) => {
  let t: TestApp;
  let viewer: Client;
  let admin: Actor;
  const plans: Record<string, string> = {};
  const opts = { timeZone: 'Asia/Shanghai', demo: false };
  const ctx = { actor: null, requestId: null, ip: null, now: '2025-01-02T00:00:00.000Z' };
  const agri = (o: ProvinceOverview) => {
    const byCounty = new Map(o.counties.map((c) => [c.regionId, c.regionName]));
    return o.columns
      .find((c) => c.catalogueCode === 'agri-tech-contribution')!
      .cells.map((c) => [byCounty.get(c.countyId), c.value, c.rank]);
  };
  const record = (county: string, value: number) =>
    recordElementValues(
      t.db,
      admin,
      plans[county]!,
      recordValuesInputSchema.parse({
        items: [{ element: 'agri-tech-contribution-rate', period: '2024', value, source: '测试' }],
      }),
      { ...ctx, actor: { id: admin.id, displayName: admin.displayName }, now: '2025-03-01T00:00:00.000Z' },
    );
  const view = async () => {
    const res = await viewer.request({ method: 'GET', url: '/api/province/overview?asOf=2025-06-30' });
    expect(res.statusCode).toBe(200);
    return res.json() as ProvinceOverview;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const pack = readPackFile(path.join(PACKS_DIR, DEFAULT_PACK));
    plans['句容市'] = (
      await t.db.selectFrom('plans').select('id').where('code', '=', pack.plan.code).executeTakeFirstOrThrow()
    ).id;
    const plan = { ...pack.plan, code: 'danyang-test', region: '丹阳市', regionPath: ['江苏省', '镇江市', '丹阳市'] };
    plans['丹阳市'] = (await loadPlanPack(t.db, { ...pack, plan }, ctx)).planId;
    admin = await loadActor(t.db, (await findUserByUsername(t.db, 'admin'))!);
    await record('句容市', 60);
    await record('丹阳市', 55);
    viewer = await t.login(
      (await createUser(t.db, { roles: ['province_viewer'], region: '江苏省' })).username,
      TEST_PASSWORD,
    );
  }, 120_000);
  afterAll(() => t.close());

  it('serves a repeat view from the cache, and recomputes it after a value is recorded in one county', async () => {
    const first = await getProvinceOverview(t.db, admin, { asOf: '2025-06-30' }, opts);
    // The same answer object: held, not recomputed.
    expect(await getProvinceOverview(t.db, admin, { asOf: '2025-06-30' }, opts)).toBe(first);
    expect(agri(first)).toEqual([
      ['句容市', 60, 1],
      ['丹阳市', 55, 2],
    ]);
    expect(agri(await view())).toEqual(agri(first));
    await record('丹阳市', 70);
    expect(agri(await view())).toEqual([
      ['句容市', 60, 2],
      ['丹阳市', 70, 1],
    ]);
    const after = await getProvinceOverview(t.db, admin, { asOf: '2025-06-30' }, opts);
    expect(after).not.toBe(first);
    // Another date is another answer: before the values were entered nobody is ranked.
    const earlier = await getProvinceOverview(t.db, admin, { asOf: '2025-02-01' }, opts);
    expect(agri(earlier).map(([, v]) => v)).toEqual([null, null]);
  });

  it('evaluates again only the county written to; the others are held per plan and data version', async () => {
    await view();
    takeEvaluatedPlans(t.db);
    // A view whose answer is not held (dropped here) takes every county's evaluation as held.
    forgetOverviews(t.db);
    expect(agri(await view())).toEqual([
      ['句容市', 60, 2],
      ['丹阳市', 70, 1],
    ]);
    expect(takeEvaluatedPlans(t.db)).toEqual([]);
    await record('丹阳市', 50);
    expect(agri(await view())).toEqual([
      ['句容市', 60, 1],
      ['丹阳市', 50, 2],
    ]);
    expect(takeEvaluatedPlans(t.db)).toEqual([plans['丹阳市']]);
    await record('丹阳市', 70);
    expect(agri(await view())[1]).toEqual(['丹阳市', 70, 1]);
  });

  it('shows a write made straight in the database (another instance) and a renamed county on the next request', async () => {
    expect(agri(await view())[0]).toEqual(['句容市', 60, 2]);
    await sql`UPDATE data_element_values SET value = 90 WHERE plan_id = ${plans['句容市']!} AND period = '2024'
              AND element_id IN (SELECT id FROM data_elements WHERE code = 'agri-tech-contribution-rate')`.execute(
      t.db,
    );
    expect(agri(await view())).toEqual([
      ['句容市', 90, 1],
      ['丹阳市', 70, 2],
    ]);
    await t.db.updateTable('regions').set({ name: '丹阳市（测试）' }).where('name', '=', '丹阳市').execute();
    const renamed = await view();
    expect(renamed.counties.map((c) => c.regionName)).toEqual(['句容市', '丹阳市（测试）']);
  });
});
