import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvinceOverview } from '@innocity/shared/api/province';
import { recordValuesInputSchema } from '@innocity/shared/api/indicators';
import { openDatabase, type DbHandle } from '../../db/connection.ts';
import { TEST_DIALECTS } from '../../test/databases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { DEFAULT_PACK, loadPlanPack, PACKS_DIR, readPackFile } from '../plans/plan-pack.service.ts';
import { recordElementValues } from '../indicators/element-entry.service.ts';
import { findUserByUsername, loadActor, type Actor } from '../users/user.repo.ts';
import { getProvinceOverview } from './province.service.ts';
import { forgetOverviews } from './province-cache.ts';
import { forgetEvaluations, takeEvaluatedPlans } from './province-evaluations.ts';
import { storeEvaluations } from './province-evaluations.repo.ts';
import { startProvinceWarmer, warmCountyEvaluations } from './province-warmer.ts';

// The province view's per-county figures are stored in the database under (plan, date, zone, the
// plan's data version and figure-bearing fields): a restarted or second instance (nothing in
// memory) takes them as stored and evaluates no county whose key matches; a write makes that
// county's row stale, and the next view evaluates it and shows the new figure.
describe.each(TEST_DIALECTS)('省级视图 stored evaluations on %s', (dialect) => {
  let t: TestApp;
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
  /** As a restarted instance sees it: nothing held in memory, only the database. */
  const restart = (db = t.db) => {
    forgetOverviews(db);
    forgetEvaluations(db);
  };
  /** As of a date, or today (null). */
  const view = (db = t.db, asOf: string | null = '2025-06-30') =>
    getProvinceOverview(db, admin, asOf ? { asOf } : {}, opts);
  const stored = async () =>
    (
      await t.db
        .selectFrom('province_evaluations')
        .select(['plan_id', 'as_of'])
        .where('as_of', '=', '2025-06-30')
        .execute()
    )
      .map((r) => r.plan_id)
      .sort();

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
  }, 120_000);
  afterAll(() => t.close());

  it('a restarted instance takes every county as stored and evaluates none', async () => {
    restart();
    await t.db.deleteFrom('province_evaluations').execute();
    takeEvaluatedPlans(t.db);
    const first = await view();
    expect(takeEvaluatedPlans(t.db).sort()).toEqual([plans['句容市'], plans['丹阳市']].sort());
    expect(await stored()).toEqual([plans['句容市'], plans['丹阳市']].sort());
    restart();
    const again = await view();
    expect(takeEvaluatedPlans(t.db)).toEqual([]);
    expect(again).not.toBe(first);
    expect(agri(again)).toEqual([
      ['句容市', 60, 1],
      ['丹阳市', 55, 2],
    ]);
    expect(again.counties.map((c) => c.lights)).toEqual(first.counties.map((c) => c.lights));
    expect(again.columns).toEqual(first.columns);
  });

  it('a write makes that county’s stored row stale: the next view evaluates it alone and shows the new figure', async () => {
    await view();
    await record('丹阳市', 75);
    restart();
    takeEvaluatedPlans(t.db);
    expect(agri(await view())).toEqual([
      ['句容市', 60, 2],
      ['丹阳市', 75, 1],
    ]);
    expect(takeEvaluatedPlans(t.db)).toEqual([plans['丹阳市']]);
    // The old row of the same date is never served again: a later restart still shows 75.
    restart();
    expect(agri(await view())[1]).toEqual(['丹阳市', 75, 1]);
    expect(takeEvaluatedPlans(t.db)).toEqual([]);
  });

  it('a renamed region keeps the stored figures; a changed target year evaluates the plan again', async () => {
    await view();
    await t.db.updateTable('regions').set({ name: '丹阳市（改名）' }).where('name', '=', '丹阳市').execute();
    restart();
    takeEvaluatedPlans(t.db);
    const renamed = await view();
    expect(renamed.counties.map((c) => c.regionName)).toEqual(['句容市', '丹阳市（改名）']);
    expect(takeEvaluatedPlans(t.db)).toEqual([]);
    const { target_year } = await t.db
      .selectFrom('plans')
      .select('target_year')
      .where('id', '=', plans['句容市']!)
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('plans')
      .set({ target_year: target_year + 1 })
      .where('id', '=', plans['句容市']!)
      .execute();
    restart();
    await view();
    expect(takeEvaluatedPlans(t.db)).toEqual([plans['句容市']]);
    await t.db.updateTable('plans').set({ target_year }).where('id', '=', plans['句容市']!).execute();
  });

  it('the warm-up after a write stores the county’s figures for today, so the next first view evaluates nothing', async () => {
    restart();
    await view(t.db, null);
    takeEvaluatedPlans(t.db);
    await record('句容市', 66);
    await warmCountyEvaluations(t.db, { timeZone: opts.timeZone });
    expect(takeEvaluatedPlans(t.db)).toEqual([plans['句容市']]);
    restart();
    const today = await view(t.db, null);
    expect(takeEvaluatedPlans(t.db)).toEqual([]);
    // The figures are today's: the value recorded above, ranked.
    expect(agri(today)[0]).toEqual(['句容市', 66, 2]);
    // Nothing changed since: a second pass evaluates nothing.
    await warmCountyEvaluations(t.db, { timeZone: opts.timeZone });
    expect(takeEvaluatedPlans(t.db)).toEqual([]);
  });

  it('the started warmer runs a pass at once, and a later pass evaluates the county written to', async () => {
    restart();
    await t.db.deleteFrom('province_evaluations').execute();
    takeEvaluatedPlans(t.db);
    const passes: number[] = [];
    let next: (() => void) | null = null;
    const pass = () => new Promise<void>((resolve) => (next = resolve));
    let waiting = pass();
    const stop = startProvinceWarmer(t.db, {
      timeZone: opts.timeZone,
      everyMs: 20,
      onError: (err) => {
        throw err;
      },
      onPass: (n) => {
        passes.push(n);
        next?.();
      },
    });
    try {
      await waiting;
      expect(passes[0]).toBe(2);
      expect(takeEvaluatedPlans(t.db).sort()).toEqual([plans['句容市'], plans['丹阳市']].sort());
      await record('丹阳市', 80);
      // The pass that starts after the write has committed evaluates that county.
      waiting = pass();
      await waiting;
      waiting = pass();
      await waiting;
      expect(takeEvaluatedPlans(t.db)).toEqual([plans['丹阳市']]);
    } finally {
      stop();
    }
    restart();
    expect(agri(await view(t.db, null))[1]).toEqual(['丹阳市（改名）', 80, 1]);
    expect(takeEvaluatedPlans(t.db)).toEqual([]);
  });

  it('keeps at most a few rows per plan', async () => {
    for (const value of [61, 62, 63, 64, 65, 66, 67, 68]) {
      await record('句容市', value);
      await view();
    }
    const { rows } = await t.db
      .selectFrom('province_evaluations')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('plan_id', '=', plans['句容市']!)
      .execute()
      .then((r) => ({ rows: r }));
    expect(Number(rows[0]!.n)).toBeLessThanOrEqual(6);
    expect(agri(await view())[0]).toEqual(['句容市', 68, 2]);
  });

  describe.runIf(dialect === 'postgres')('two instances on one PostgreSQL', () => {
    let other: DbHandle;
    beforeAll(async () => {
      other = await openDatabase(t.config.database);
    });
    afterAll(() => other.close());

    it('first views at the same moment on both store the same rows without failing on the key', async () => {
      for (let round = 0; round < 3; round += 1) {
        await t.db.deleteFrom('province_evaluations').execute();
        restart();
        restart(other.db);
        const [a, b] = await Promise.all([view(), view(other.db)]);
        expect(agri(b)).toEqual(agri(a));
        expect(await stored()).toEqual([plans['句容市'], plans['丹阳市']].sort());
      }
      // The same rows stored by both at once, many times over: the key's conflicts are no error.
      const rows = [plans['句容市']!, plans['丹阳市']!].map((planId) => ({
        planId,
        version: 'concurrent-test',
        figures: [],
      }));
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          storeEvaluations(i % 2 ? other.db : t.db, rows, '2030-01-01', opts.timeZone, '2030-01-01T00:00:00.000Z'),
        ),
      );
      const n = await t.db
        .selectFrom('province_evaluations')
        .select('plan_id')
        .where('as_of', '=', '2030-01-01')
        .execute();
      expect(n).toHaveLength(2);
      // The other instance finds what this one stored: it evaluates nothing.
      restart(other.db);
      takeEvaluatedPlans(other.db);
      await view(other.db);
      expect(takeEvaluatedPlans(other.db)).toEqual([]);
    });
  });
});
