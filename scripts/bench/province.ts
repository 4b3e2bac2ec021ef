// `npm run bench -- province [--counties 100] [--rounds 3] [--dialect postgres] [--keep-db NAME]
// [--steps overview,restart,…]`: time of the 省级视图 (GET
// /api/province/overview's service) over N counties with plans of Jurong's shape (24 indicators, 9
// mapped to the catalogue, 12 ledgers with the demo's ~3,300 rows each, as the indicator bench
// builds its plans), against a baseline measured in the same run: reading the same plans' raw data
// (every value version and ledger row) once. Also timed: evaluating every plan's indicators alone,
// to show where the view's time goes; the first view after a restart (figures stored, memory empty),
// and the warmer's pass for a new date. SQLite always; PostgreSQL too when TEST_PG_URL (or a
// postgres DATABASE_URL) names a server, on a throwaway database. `--keep-db NAME` generates into a
// database that is not dropped (PostgreSQL: that database; SQLite: a file in the temp directory)
// and reuses it when it holds the county count asked; `--steps` times only the steps named.
// `--parts 1,2,4` (SQLite): the cold view's ledger statistics split into that many parts, each
// part alone on one connection: their CPU summed (the work) and the largest (what that many cores
// would wait at best), to tell a view bound by its work from one bound by this machine's cores.
import os from 'node:os';
import type { Db } from '../../server/src/db/connection.ts';
import {
  addPlanCopies,
  arg,
  keptPgDatabase,
  keptPlanIds,
  keptSqliteDatabase,
  median,
  readRawPlanData,
  seededPlanDatabase,
} from './lib/seeded-plan.ts';

const COUNTIES = Number(arg('counties') ?? 100);
const ROUNDS = Number(arg('rounds') ?? 3);
const AS_OF = '2025-06-30';
const ZONE = 'Asia/Shanghai';
const KEEP_DB = arg('keep-db');
const STEPS = arg('steps')?.split(',');
const PARTS = arg('parts')?.split(',').map(Number);

const { evaluatePlans, ledgerUses } = await import('../../server/src/modules/indicators/indicator-engine.ts');
const { findPlanInfo, listIndicators } = await import('../../server/src/modules/indicators/indicator.repo.ts');
const { aggregatePlanLedgers } = await import('../../server/src/modules/indicators/ledger-aggregate.ts');
const { readerHooks, splitPlans } = await import('../../server/src/modules/indicators/ledger-aggregate.readers.ts');
const { READER_MMAP_BYTES } = await import('../../server/src/db/sqlite-readers.ts');
const { getProvinceOverview } = await import('../../server/src/modules/province/province.service.ts');
const { forgetOverviews } = await import('../../server/src/modules/province/province-cache.ts');
const { forgetEvaluations, takeEvaluatedPlans, evaluationVersion } =
  await import('../../server/src/modules/province/province-evaluations.ts');
const { readStoredEvaluations } = await import('../../server/src/modules/province/province-evaluations.repo.ts');
const { warmCountyEvaluations } = await import('../../server/src/modules/province/province-warmer.ts');
const { countyPlans, dataVersionsOf } = await import('../../server/src/modules/province/province.repo.ts');
const { sql } = await import('kysely');

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/** Each timed step alternated round by round, so all meet the same machine load; medians of each. */
async function timed(all: Record<string, () => Promise<unknown>>, rounds: number) {
  const steps = Object.fromEntries(Object.entries(all).filter(([k]) => !STEPS || STEPS.includes(k)));
  for (const step of Object.values(steps)) await step(); // warm-up: statement caches, page cache
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((k) => [k, []]));
  for (let i = 0; i < rounds; i += 1)
    for (const [name, step] of Object.entries(steps)) {
      const t0 = performance.now();
      await step();
      times[name]!.push(performance.now() - t0);
    }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, round1(median(v))]));
}

/** The engine's part alone: every county's plan evaluated in one batch, as the view does. */
async function evaluateAll(db: Db, planIds: string[]): Promise<void> {
  const plans = await Promise.all(planIds.map(async (id) => (await findPlanInfo(db, id))!));
  await evaluatePlans(db, plans, { asOf: AS_OF, timeZone: ZONE });
}

/** What each plan's ledger statistics count, as the engine's batch asks for them. */
async function ledgerUsesOf(db: Db, planIds: string[]) {
  const plans = await Promise.all(planIds.map(async (id) => (await findPlanInfo(db, id))!));
  const indicators = await listIndicators(db, planIds);
  return new Map(
    plans.map(
      (p) =>
        [
          p.id,
          ledgerUses(
            p,
            indicators.filter((i) => i.planId === p.id),
            AS_OF,
          ),
        ] as const,
    ),
  );
}

/** Of the engine's batch: the ledger statistics alone (the grouped query and its groups sorted per window). */
async function ledgerGroups(db: Db, planIds: string[]): Promise<void> {
  await aggregatePlanLedgers(db, await ledgerUsesOf(db, planIds), { asOf: AS_OF, timeZone: ZONE });
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * `--parts`: the ledger statistics of every county split by plan into k parts as the reader threads
 * split them, each part run alone on the main connection (memory-mapped, as the readers read),
 * one after another, so that the process's CPU is the part's. Per k, medians over the rounds of
 * the parts' CPU summed and of the largest part.
 */
async function partsCpu(db: Db, planIds: string[], ks: number[]) {
  const uses = await ledgerUsesOf(db, planIds);
  const saved = readerHooks.minPlans;
  readerHooks.minPlans = Number.POSITIVE_INFINITY;
  await sql.raw(`PRAGMA mmap_size = ${READER_MMAP_BYTES}`).execute(db);
  try {
    const out: Record<string, { sum: number; max: number; parts: number[] }> = {};
    for (const k of ks) {
      const parts = splitPlans(planIds, k);
      const rounds: number[][] = [];
      for (let r = 0; r < ROUNDS + 1; r += 1) {
        const cpu = [];
        for (const part of parts) {
          const c0 = cpuMs();
          await aggregatePlanLedgers(db, new Map(part.map((id) => [id, uses.get(id)!])), {
            asOf: AS_OF,
            timeZone: ZONE,
          });
          cpu.push(Math.round(cpuMs() - c0));
        }
        if (r > 0) rounds.push(cpu); // the first round warms the page cache
      }
      const mid = rounds.sort((a, b) => a.reduce((x, y) => x + y) - b.reduce((x, y) => x + y))[rounds.length >> 1]!;
      out[k] = { sum: mid.reduce((x, y) => x + y), max: Math.max(...mid), parts: mid };
    }
    return out;
  } finally {
    readerHooks.minPlans = saved;
    await sql.raw('PRAGMA mmap_size = 0').execute(db);
  }
}

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  const kept = KEEP_DB
    ? await (dialect === 'postgres' ? keptPgDatabase(KEEP_DB) : keptSqliteDatabase(KEEP_DB))
    : undefined;
  const { db, first, pack, admin, seedMs, close, reused } = await seededPlanDatabase(dialect, ZONE, kept);
  try {
    let planIds: string[];
    if (reused) {
      planIds = await keptPlanIds(db, first.id, 'bench-');
      if (planIds.length !== COUNTIES)
        throw new Error(
          `保留的数据库 ${KEEP_DB} 有 ${planIds.length} 个县，本次要 ${COUNTIES} 个：换一个名字或先删除它`,
        );
      console.error(`[${dialect}] 沿用保留的数据库 ${KEEP_DB}（${planIds.length} 个县）；计时…`);
    } else {
      console.error(`[${dialect}] 第 1 个县示例数据 ${seedMs} ms；生成其余 ${COUNTIES - 1} 个县…`);
      const t0 = performance.now();
      // Ten 设区市 of ten counties each: the view sorts and labels them by city.
      planIds = await addPlanCopies(
        db,
        first,
        pack,
        COUNTIES - 1,
        (i) => {
          const city = `基准市${String(Math.ceil(i / 10)).padStart(2, '0')}`;
          const county = `基准县${String(i).padStart(3, '0')}`;
          return { code: `bench-${i}`, region: county, regionPath: ['江苏省', city, county] };
        },
        (msg) => console.error(`[${dialect}] ${msg}`),
      );
      console.error(`[${dialect}] 生成完成 ${Math.round(performance.now() - t0)} ms；计时…`);
    }
    let counties = 0;
    let columns = 0;
    let written = 0;
    let reEvaluated = 0;
    let restartEvaluated = -1;
    let storedRead = 0;
    let warmed = 0;
    let day = 0;
    const regionIds = (await db.selectFrom('plans').select('region_id').where('id', 'in', planIds).execute()).map(
      (r) => r.region_id!,
    );
    const t = await timed(
      {
        baseline: () => readRawPlanData(db, planIds),
        evaluate: () => evaluateAll(db, planIds),
        groups: () => ledgerGroups(db, planIds),
        // The first view with nothing held and nothing stored: a new date nobody warmed, or the
        // first start of an upgraded deployment.
        overview: async () => {
          forgetOverviews(db);
          forgetEvaluations(db);
          await db.deleteFrom('province_evaluations').execute();
          const o = await getProvinceOverview(db, admin, { asOf: AS_OF }, { timeZone: ZONE, demo: false });
          counties = o.counties.length;
          columns = o.columns.length;
        },
        // The first view after a restart (or on a second instance): nothing in memory, every
        // county's figures stored under its current key by an earlier view or the warmer.
        restart: async () => {
          forgetOverviews(db);
          forgetEvaluations(db);
          takeEvaluatedPlans(db);
          await getProvinceOverview(db, admin, { asOf: AS_OF }, { timeZone: ZONE, demo: false });
          restartEvaluated = takeEvaluatedPlans(db).length;
        },
        // Of that view: the 100 stored rows read and parsed.
        readStored: async () => {
          const plans = [...(await countyPlans(db, regionIds)).values()];
          const v = await dataVersionsOf(
            db,
            plans.map((p) => p.id),
          );
          const wanted = new Map(plans.map((p) => [p.id, evaluationVersion(p, v.byScope.get(p.id) ?? '0')]));
          storedRead = (await readStoredEvaluations(db, wanted, AS_OF, ZONE)).size;
        },
        // The background pass at a change of day: every county evaluated and stored for a date
        // nothing is stored for (a new date each round), what the view then finds.
        warmNewDay: async () => {
          forgetEvaluations(db);
          day += 1;
          await warmCountyEvaluations(db, { timeZone: ZONE, asOf: `2025-07-${String(day).padStart(2, '0')}` });
          warmed = takeEvaluatedPlans(db).length;
        },
        // A repeat view: the data versions read, the held answer served.
        cached: () => getProvinceOverview(db, admin, { asOf: AS_OF }, { timeZone: ZONE, demo: false }),
        // A view right after one county wrote (a value version touched: its data version moves,
        // through the database's own trigger): that county evaluated again, the others held.
        afterWrite: async () => {
          const planId = planIds[(written += 1) % planIds.length]!;
          await sql`UPDATE data_element_values SET source = source
                    WHERE id = (SELECT MIN(id) FROM data_element_values WHERE plan_id = ${planId})`.execute(db);
          takeEvaluatedPlans(db);
          await getProvinceOverview(db, admin, { asOf: AS_OF }, { timeZone: ZONE, demo: false });
          reEvaluated = takeEvaluatedPlans(db).length;
        },
      },
      ROUNDS,
    );
    const parts = PARTS && dialect === 'sqlite' ? await partsCpu(db, planIds, PARTS) : undefined;
    return {
      dialect,
      counties,
      columns,
      parts,
      reEvaluated,
      restartEvaluated,
      storedRead,
      warmed,
      ...t,
      ratio: Math.round((t.overview! / t.baseline!) * 100) / 100,
    };
  } finally {
    await close();
  }
}

const pgUrl =
  process.env.TEST_PG_URL ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
if (pgUrl) process.env.TEST_PG_URL = pgUrl;
const results = [];
const only = arg('dialect');
for (const dialect of ['sqlite', ...(pgUrl ? ['postgres' as const] : [])] as const)
  if (!only || only === dialect) results.push(await benchDialect(dialect));

const load = os.loadavg()[0]!.toFixed(1);
console.log(`\n省级视图基准（asOf ${AS_OF}；Node ${process.version}，${os.cpus().length} 核，结束时负载 ${load}）`);
console.log(`${ROUNDS} 轮中位数；基线 = 读取同样方案的全部原始数据（数据元各版本、台账各行）一遍；目标 < 1000 ms`);
for (const r of results)
  console.log(
    `${r.dialect}：${r.counties} 个县、${r.columns} 个可比指标：省级视图首次 ${r.overview} ms（每县 ${(r.overview! / r.counties).toFixed(1)} ms）、` +
      `再次（缓存）${r.cached} ms；一县写入后 ${r.afterWrite} ms（重新评估 ${r.reEvaluated} 个县）；` +
      `重启后首次（已存储）${r.restart} ms（重新评估 ${r.restartEvaluated} 个县；读取存储 ${r.storedRead} 县 ${r.readStored} ms）；` +
      `新日期后台预算 ${r.warmNewDay} ms（${r.warmed} 个县）；其中指标评估（一批）约 ${r.evaluate} ms，` +
      `其中台账统计（分组查询）${r.groups} ms；基线 ${r.baseline} ms；首次比值 ${r.ratio}`,
  );
for (const r of results)
  for (const [k, p] of Object.entries(r.parts ?? {}))
    console.log(
      `${r.dialect}：台账统计分 ${k} 份、逐份单独运行：CPU 合计 ${p.sum} ms，最大一份 ${p.max} ms（${k} 核并行的下限）；各份 ${p.parts.join('、')} ms`,
    );
console.log(`\n${JSON.stringify(results)}`);
