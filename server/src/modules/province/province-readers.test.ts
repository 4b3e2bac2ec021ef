import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sqliteReadersOf } from '../../db/connection.ts';
import { READER_MMAP_BYTES } from '../../db/sqlite-readers.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { readerHooks } from '../indicators/ledger-aggregate.readers.ts';
import { DEFAULT_PACK, loadPlanPack, PACKS_DIR, readPackFile } from '../plans/plan-pack.service.ts';
import { recordValuesInputSchema } from '@innocity/shared/api/indicators';
import { recordElementValues } from '../indicators/element-entry.service.ts';
import { findUserByUsername, loadActor, type Actor } from '../users/user.repo.ts';
import { countyEvaluations, forgetEvaluations, takeEvaluatedPlans } from './province-evaluations.ts';
import { countyPlans, dataVersionsOf } from './province.repo.ts';

// SQLite's cold province batch runs its grouped ledger query in reader threads (one read
// transaction per part, the plans' data versions read in it): a write committed between two
// parts' reads must not leave figures under a version they were not read at, and a reader that
// dies fails the view instead of hanging it. SQLite only: PostgreSQL has no reader threads.
describe('省级视图 on SQLite reader threads', () => {
  let t: TestApp;
  let admin: Actor;
  const plans: Record<string, string> = {};
  const ASOF = '2025-06-30';
  const ZONE = 'Asia/Shanghai';
  const ctx = { actor: null, requestId: null, ip: null, now: '2025-01-02T00:00:00.000Z' };

  /** The county's 农业科技进步贡献率 for 2024 recorded (a value version: its plan's data version moves). */
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
  const inputs = async () => {
    const byId = new Map([...(await countyPlans(t.db, await regionIds())).values()].map((p) => [p.id, p]));
    const list = [byId.get(plans['句容市']!)!, byId.get(plans['丹阳市']!)!];
    const versions = await dataVersionsOf(
      t.db,
      list.map((p) => p.id),
    );
    return { list, versions: versions.byScope };
  };
  const regionIds = async () =>
    (await t.db.selectFrom('plans').select('region_id').where('id', 'in', Object.values(plans)).execute()).map(
      (r) => r.region_id!,
    );
  const evaluate = async () => {
    const { list, versions } = await inputs();
    return countyEvaluations(t.db, list, versions, ASOF, ZONE);
  };
  const storedPlans = async () =>
    (await t.db.selectFrom('province_evaluations').select('plan_id').where('as_of', '=', ASOF).execute())
      .map((r) => r.plan_id)
      .sort();
  const agri = (figures: { name: string; value: number | null }[]) =>
    figures.find((f) => f.name.includes('农业科技进步贡献率'))?.value;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
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
  afterEach(() => {
    readerHooks.minPlans = 20;
    readerHooks.betweenParts = undefined;
    forgetEvaluations(t.db);
  });
  afterAll(() => t?.close());

  it('gives the main connection’s figures from the reader threads', async () => {
    const onMain = await evaluate();
    forgetEvaluations(t.db);
    await t.db.deleteFrom('province_evaluations').execute();
    readerHooks.minPlans = 1;
    let parts = 0;
    readerHooks.betweenParts = async () => void (parts += 1);
    const inReaders = await evaluate();
    expect(parts).toBe(1);
    expect(inReaders).toEqual(onMain);
    expect(agri(inReaders.get(plans['句容市']!)!)).toBe(60);
    expect(agri(inReaders.get(plans['丹阳市']!)!)).toBe(55);
  });

  it('has each reader thread look up only its own plans’ ledger types (others would read their rows too)', async () => {
    await t.db.deleteFrom('province_evaluations').execute();
    const readers = sqliteReadersOf(t.db)!;
    const jobs: unknown[][] = [];
    const real = readers.run.bind(readers);
    const run = vi.spyOn(readers, 'run').mockImplementation((job) => {
      jobs.push(job.statements.flatMap((s) => s.parameters));
      return real(job);
    });
    try {
      readerHooks.minPlans = 1;
      readerHooks.betweenParts = async () => undefined;
      await evaluate();
    } finally {
      run.mockRestore();
    }
    const typesOf = async (planId: string) =>
      (await t.db.selectFrom('ledger_types').select('id').where('plan_id', '=', planId).execute()).map((r) => r.id);
    const [jurong, danyang] = [await typesOf(plans['句容市']!), await typesOf(plans['丹阳市']!)];
    // One part a plan (the hook), 句容 first: each names some of its own types and none of the other's.
    expect(jobs).toHaveLength(2);
    const named = (params: unknown[], ids: string[]) => params.filter((p) => ids.includes(p as string)).length;
    expect(named(jobs[0]!, jurong)).toBeGreaterThan(0);
    expect(named(jobs[0]!, danyang)).toBe(0);
    expect(named(jobs[1]!, danyang)).toBeGreaterThan(0);
    expect(named(jobs[1]!, jurong)).toBe(0);
  });

  it('stores no figures under a version other than the one their rows were read at', async () => {
    await t.db.deleteFrom('province_evaluations').execute();
    readerHooks.minPlans = 1;
    // 句容 is read first, then 丹阳 writes, then 丹阳 is read: at a version after the view's key.
    readerHooks.betweenParts = async () => void (await record('丹阳市', 70));
    takeEvaluatedPlans(t.db);
    const figures = await evaluate();
    readerHooks.betweenParts = undefined;
    // This view's answer for 丹阳 mixes reads from before the write (its values, read first on the
    // main connection) and after it (its ledger rows): fine for the one answer, never kept.
    expect(figures.size).toBe(2);
    // Only 句容's figures were kept: 丹阳's were read after its write, not at the key's version.
    expect(await storedPlans()).toEqual([plans['句容市']]);
    takeEvaluatedPlans(t.db);
    const again = await evaluate();
    // 句容 held from the view before; 丹阳 evaluated again under its new key.
    expect(takeEvaluatedPlans(t.db)).toEqual([plans['丹阳市']]);
    // The view keyed by the new version: 丹阳 evaluated at it, and now stored under it.
    expect(agri(again.get(plans['丹阳市']!)!)).toBe(70);
    expect(await storedPlans()).toEqual([plans['丹阳市'], plans['句容市']].sort());
  });

  it('reads the file through a memory map in each reader thread (the cold query is slower without)', async () => {
    const readers = sqliteReadersOf(t.db)!;
    const settings = await Promise.all(
      Array.from({ length: readers.size }, () =>
        readers.run({ statements: [{ sql: 'PRAGMA mmap_size', parameters: [] }] }),
      ),
    );
    expect(settings.map(([rows]) => rows)).toEqual(
      Array.from({ length: readers.size }, () => [{ mmap_size: READER_MMAP_BYTES }]),
    );
  });

  it('fails the view when a reader thread dies, and the next view starts a new one', async () => {
    await t.db.deleteFrom('province_evaluations').execute();
    readerHooks.minPlans = 1;
    readerHooks.betweenParts = async () => sqliteReadersOf(t.db)!.crash();
    await expect(evaluate()).rejects.toThrow(/SQLite 读取线程已退出/);
    readerHooks.betweenParts = undefined;
    forgetEvaluations(t.db);
    const figures = await evaluate();
    expect(figures.size).toBe(2);
  });
});
